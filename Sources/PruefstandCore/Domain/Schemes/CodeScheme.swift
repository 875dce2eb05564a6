import Foundation

/// Which side of the budget a line is on: revenue (Erträge, Einnahmen, Einzahlungen) or expense
/// (Aufwendungen, Ausgaben, Auszahlungen). Amounts are stored positive on their side.
public enum BudgetSide: String, Sendable, CaseIterable {
    case revenue, expense
}

/// Where a code sits in its scheme's hierarchy: the level it names and the codes of the levels above.
///
/// NKF NRW `01.11.01`: level `produkt`, area `01` (Produktbereich), group `01.11` (Produktgruppe).
/// Kameral `0101-119 01`: level `haushaltsstelle`, area `01` (Einzelplan), group `0101` (Kapitel).
public struct CodePlace: Hashable, Sendable {
    public var level: String
    public var area: String?
    public var group: String?
    public init(level: String, area: String?, group: String?) { self.level = level; self.area = area; self.group = group }
}

/// A code scheme: how a file's product (budget unit) and account (posting) codes are written, where
/// a code sits in the scheme's hierarchy, and which side of the budget an account is on.
///
/// Schemes are data for the importer: a mapping names one (`scheme: kameral`), the store keeps the
/// code as written with its place (`budgetLine.scheme`, `productLevel`, `productArea`, `productGroup`,
/// `side`), and the analyses read that place instead of cutting code strings. One file per scheme;
/// `CodeSchemes.all` lists them (see `docs/formats.md`, "Code schemes", and `docs/contributing.md`).
///
///     let scheme = try CodeSchemes.named("kameral")
///     scheme.place(product: "0101")   // CodePlace(level: "kapitel", area: "01", group: "0101")
public protocol CodeScheme: Sendable {
    /// The name a mapping or manifest uses: `nkf-nrw`, `bw-2016`, `kameral`, `free`.
    var name: String { get }
    /// Nil when `code` is a product code of this scheme, else the reason (a static text: no allocation
    /// on the import's hot path).
    func productProblem(_ code: UnsafeBufferPointer<UInt8>) -> Phrase?
    /// Nil when `code` is an account code of this scheme, else the reason.
    func accountProblem(_ code: UnsafeBufferPointer<UInt8>) -> Phrase?
    /// The side of the budget an account is on, when the scheme says (nil: the scheme does not know).
    func side(account: UnsafeBufferPointer<UInt8>) -> BudgetSide?
    /// The side of a posting's account in the ledger, which books the payments of the Finanzrechnung beside
    /// the Ergebnisrechnung (NKF: 4 and 6 revenue, 5 and 7 expense); the audit's payment checks ask this.
    func ledgerSide(account: UnsafeBufferPointer<UInt8>) -> BudgetSide?
    /// The product code's place in the hierarchy.
    func place(product: String) -> CodePlace
    /// Whether the product code carries the account (a cameral Haushaltsstelle holds its Titel), so a
    /// file needs no account column.
    var derivesAccount: Bool { get }
    /// The account held in a product code (`0101-119 01` → `11901`), when `derivesAccount`.
    func derivedAccount(product: String) -> String?
    /// Analyses that cannot run on codes of this scheme, each with the reason (empty: all can).
    var unsupportedAnalyses: [Phrase] { get }
}

extension CodeScheme {
    /// The ledger knows no more sides than the plan unless the scheme says so.
    public func ledgerSide(account: UnsafeBufferPointer<UInt8>) -> BudgetSide? { side(account: account) }
    /// `side(account:)` of a code as text.
    public func side(account: String) -> BudgetSide? {
        var a = account
        return a.withUTF8 { side(account: $0) }
    }
    /// `ledgerSide(account:)` of a code as text.
    public func ledgerSide(account: String) -> BudgetSide? {
        var a = account
        return a.withUTF8 { ledgerSide(account: $0) }
    }
    public var derivesAccount: Bool { false }
    public func derivedAccount(product: String) -> String? { nil }
    public var unsupportedAnalyses: [Phrase] { [] }
}

/// The registry of code schemes: every scheme the importer and the docs know, by name.
public enum CodeSchemes {
    /// The default: the NKF NRW product and account framework (Musterstadt).
    public static let standard: any CodeScheme = NKFNRWScheme()

    /// Every scheme with its default options (a mapping may give options, e.g. the kameral code layout).
    public static let all: [any CodeScheme] = [NKFNRWScheme(), BW2016Scheme(), KameralScheme(), FreeTextScheme()]

    /// The names, for messages.
    public static var names: [String] { all.map(\.name) }

    /// The scheme of this name with default options; nil when there is none.
    public static func named(_ name: String) -> (any CodeScheme)? { all.first { $0.name == name.lowercased() } }
}

/// Helpers for the byte-level checks of the schemes.
enum CodeBytes {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func allDigits(_ p: UnsafeBufferPointer<UInt8>) -> Bool { p.allSatisfy(isDigit) }
    /// The two leading digits as a number, if the code starts with two digits.
    @inline(__always) static func leadingPair(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count >= 2, isDigit(p[0]), isDigit(p[1]) else { return nil }
        return Int(p[0] - 0x30) * 10 + Int(p[1] - 0x30)
    }
    /// `dd.d{min,max}(.d{min,max})?`: two-digit area, then one or two dotted groups.
    static func isDottedProduct(_ p: UnsafeBufferPointer<UInt8>, areas: ClosedRange<Int>, groupDigits: ClosedRange<Int>, maxParts: Int) -> Bool {
        let n = p.count
        guard n >= 2 + 1 + groupDigits.lowerBound, n <= 2 + maxParts * (1 + groupDigits.upperBound), p[2] == 0x2E,
              let area = leadingPair(p), areas.contains(area) else { return false }
        var parts = 1, run = 0
        for k in 3..<n {
            let b = p[k]
            if b == 0x2E {
                if !groupDigits.contains(run) { return false }
                parts += 1; run = 0
            } else if isDigit(b) { run += 1 } else { return false }
        }
        return groupDigits.contains(run) && parts <= maxParts
    }
}
