/// The .xlsx reader as the review's `GridReading`: a filled-in review workbook read back as a grid,
/// with the same size and safety limits as every other workbook import.
public struct XLSXGridReader: GridReading {
    public init() {}
    public func grid(path: String, sheet: String) throws -> [[String?]] {
        do { return try XLSXReader.grid(path: path, sheet: sheet) }
        catch let e as XLSXError { throw e.asPruefstandError }
    }
}
