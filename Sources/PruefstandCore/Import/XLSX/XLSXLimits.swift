import Foundation

/// The bounds within which `XLSXReader` reads a workbook.
///
/// An `.xlsx` file is a ZIP archive of XML parts, so a hostile or broken file can claim or inflate to
/// gigabytes (a zip bomb), nest XML without end, or declare entities that expand exponentially. The
/// reader checks every limit *before* it spends the memory or time: declared sizes are checked before
/// inflating, inflated bytes are counted while inflating, and XML is refused as soon as it crosses a
/// bound. Each violation is an `XLSXError` that names the file, the entry or sheet and the limit.
///
/// The defaults allow any workbook Excel itself can write (1,048,576 rows × 16,384 columns, 32,767
/// characters per cell) up to sizes a desktop export reaches, and stop a zip bomb after at most
/// `max(compressionRatioFloorBytes, compressedSize × maxCompressionRatio)` inflated bytes.
///
///     var limits = XLSXLimits.default
///     limits.maxRows = 200_000
///     let reader = try XLSXReader(path: "haushalt.xlsx", limits: limits)
public struct XLSXLimits: Sendable, Equatable {
    /// Size of the `.xlsx` file itself (compressed). Default 256 MiB.
    public var maxFileBytes: Int64 = 256 << 20
    /// Number of entries in the ZIP central directory. Default 10,000.
    public var maxEntries: Int = 10_000
    /// Uncompressed size of one entry, declared or inflated. Default 1 GiB.
    public var maxEntryBytes: Int64 = 1 << 30
    /// Sum of the declared uncompressed sizes of all entries, and of all bytes this reader inflates
    /// over its lifetime. Default 2 GiB.
    public var maxTotalBytes: Int64 = 2 << 30
    /// Uncompressed ÷ compressed size of an entry. Default 200 (spreadsheet XML compresses 5–30×;
    /// zip bombs reach 1,000× and more).
    public var maxCompressionRatio: Int64 = 200
    /// Entries that inflate to no more than this are exempt from the ratio check (tiny parts can have
    /// odd ratios). Default 1 MiB.
    public var compressionRatioFloorBytes: Int64 = 1 << 20
    /// Nesting depth of XML elements. Default 64 (a worksheet needs 6).
    public var maxXMLDepth: Int = 64
    /// Length in bytes of one XML tag or one run of text. Default 1 MiB.
    public var maxXMLTokenBytes: Int = 1 << 20
    /// Length of one cell value or shared string, in UTF-16 code units as Excel counts. Default 32,767
    /// (Excel's own limit).
    public var maxStringLength: Int = 32_767
    /// Highest row number. Default 1,048,576 (Excel's limit).
    public var maxRows: Int = 1_048_576
    /// Highest column number. Default 16,384 (column XFD, Excel's limit).
    public var maxColumns: Int = 16_384
    /// Number of cells in one sheet. Default 50,000,000.
    public var maxCells: Int = 50_000_000
    /// Number of entries in the shared string table. Default 5,000,000.
    public var maxSharedStrings: Int = 5_000_000
    /// Number of cells `grid(sheet:)` may materialise (rows × their widths). Default 20,000,000.
    public var maxGridCells: Int = 20_000_000

    public init() {}
    public static let `default` = XLSXLimits()
}
