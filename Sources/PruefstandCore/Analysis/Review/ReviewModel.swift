import Foundation

/// One position of the position plan (Stellenplan), as the review reads it.
public struct ReviewPosition: Sendable, Hashable {
    public var positionId: String
    public var orgUnitId: String
    public var supervisorId: String?
    public var title: String
    public var function: String
    public var payGrade: String
    public var fte: FTE
    public var isVacant: Bool
    public var vacantSince: CivilDate?
    public var isLeadership: Bool
    /// KldB 2010 code (five digits; the fifth is the requirement level), if known.
    public var kldb: String?

    public init(positionId: String, orgUnitId: String, supervisorId: String? = nil, title: String = "",
                function: String = "", payGrade: String, fte: FTE = .one, isVacant: Bool = false,
                vacantSince: CivilDate? = nil, isLeadership: Bool = false, kldb: String? = nil) {
        self.positionId = positionId; self.orgUnitId = orgUnitId; self.supervisorId = supervisorId
        self.title = title; self.function = function; self.payGrade = payGrade; self.fte = fte
        self.isVacant = isVacant; self.vacantSince = vacantSince; self.isLeadership = isLeadership; self.kldb = kldb
    }
}

/// An expected or past vacancy of a position.
public struct ReviewVacancy: Sendable, Hashable {
    public enum RefillSource: String, Sendable, Codable { case `internal`, external, lateral }
    public var positionId: String
    public var expectedDate: CivilDate
    public var reason: String
    public var refillRequested: Bool
    public var refillSource: RefillSource?
    public var filledDate: CivilDate?

    public init(positionId: String, expectedDate: CivilDate, reason: String = "retirement", refillRequested: Bool = true,
                refillSource: RefillSource? = nil, filledDate: CivilDate? = nil) {
        self.positionId = positionId; self.expectedDate = expectedDate; self.reason = reason
        self.refillRequested = refillRequested; self.refillSource = refillSource; self.filledDate = filledDate
    }
}

/// An organisational unit (Amt, Fachbereich, Abteilung) with its category.
public struct ReviewOrgUnit: Sendable, Hashable {
    public var orgUnitId: String
    public var name: String
    public var parentId: String?
    /// `line`, `hr`, `finance`, `it`, `administration` or `leadership`.
    public var category: String
    public init(orgUnitId: String, name: String = "", parentId: String? = nil, category: String = "line") {
        self.orgUnitId = orgUnitId; self.name = name.isEmpty ? orgUnitId : name; self.parentId = parentId; self.category = category
    }
}

/// The annual cost of one full-time position of a pay grade in a year (salary plus employer on-costs).
public struct ReviewPayCost: Sendable, Hashable {
    public var fiscalYear: Int
    public var payGrade: String
    public var annualSalary: Money
    /// Employer social security and supplementary pension (ZVK); for Beamte the pension and
    /// Beihilfe allowances (Versorgungs- und Beihilfezuschläge).
    public var employerOnCosts: Money
    public var source: String
    public init(fiscalYear: Int, payGrade: String, annualSalary: Money, employerOnCosts: Money, source: String = "") {
        self.fiscalYear = fiscalYear; self.payGrade = payGrade; self.annualSalary = annualSalary
        self.employerOnCosts = employerOnCosts; self.source = source
    }
    public var annualCost: Money { annualSalary + employerOnCosts }
}

/// Everything the review looks at, independent of where it came from (store, test case, generator).
public struct ReviewInput: Sendable {
    public var positions: [ReviewPosition]
    public var vacancies: [ReviewVacancy]
    public var orgUnits: [ReviewOrgUnit]
    public var payCosts: [ReviewPayCost]
    /// Positions with a recorded committee decision (a re-fill without one is a case).
    public var decidedPositions: Set<String>
    public init(positions: [ReviewPosition], vacancies: [ReviewVacancy] = [], orgUnits: [ReviewOrgUnit] = [],
                payCosts: [ReviewPayCost] = [], decidedPositions: Set<String> = []) {
        self.positions = positions; self.vacancies = vacancies; self.orgUnits = orgUnits; self.payCosts = payCosts
        self.decidedPositions = decidedPositions
    }
}

/// One review case: a flag raised by one check on one position or org unit.
public struct ReviewCase: Sendable, Hashable, Codable {
    public var check: ReviewCheckID
    /// A finer kind within the check: the check's own id where it has one kind; `vacant`,
    /// `refilled_undecided`, `protected` for the re-fill check; `span`, `span_large`, `depth`,
    /// `leadership_share`, `merge:<category>` for the leadership check; the category for overhead.
    public var kind: String
    public var positionId: String?
    public var orgUnitId: String
    /// 0–100; each check documents its formula (rules file, docs/review.md).
    public var score: Int
    /// Annual saving in euros where one applies.
    public var annualSaving: Money?
    public var reasonDE: String
    public var reasonEN: String
    /// FTE of the position (zero for org-unit cases).
    public var fte: FTE
    public var payGrade: String
    public var title: String

    public init(check: ReviewCheckID, kind: String, positionId: String?, orgUnitId: String, score: Int,
                annualSaving: Money?, reasonDE: String, reasonEN: String, fte: FTE = .zero, payGrade: String = "",
                title: String = "") {
        self.check = check; self.kind = kind; self.positionId = positionId; self.orgUnitId = orgUnitId
        self.score = score; self.annualSaving = annualSaving; self.reasonDE = reasonDE; self.reasonEN = reasonEN
        self.fte = fte; self.payGrade = payGrade; self.title = title
    }
    public func reason(_ lang: Language) -> String { lang == .de ? reasonDE : reasonEN }
}

/// Formatting helpers for reasons.
enum ReviewText {
    /// "2.25" → "2,25" (Foundation's replacingOccurrences is slow on Linux).
    static func decimalComma(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: ".")) else { return s }
        return String(decoding: s.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
    }
    /// Trims blanks only when there are any (Foundation's trimmingCharacters is slow on Linux).
    static func trimmed(_ s: String) -> String {
        guard let f = s.first, let l = s.last, f.isWhitespace || l.isWhitespace else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }
    static func money(_ m: Money, _ lang: Language) -> String {
        if lang == .de { return m.germanString }
        let sign = m.cents < 0 ? "-" : ""
        let mag = m.cents.magnitude
        var whole = String(mag / 100)
        var groups: [Substring] = []
        while whole.count > 3 { groups.insert(whole.suffix(3), at: 0); whole = String(whole.dropLast(3)) }
        groups.insert(Substring(whole), at: 0)
        let f = mag % 100
        return "\(sign)EUR \(groups.joined(separator: ",")).\(f < 10 ? "0" : "")\(f)"
    }
    static func decimal(_ d: Decimal, places: Int = 2, _ lang: Language) -> String {
        var v = d, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        var s = NSDecimalNumber(decimal: r).stringValue
        if lang == .de { s = decimalComma(s) }
        return s
    }
    static func fte(_ f: FTE, _ lang: Language) -> String {
        lang == .de ? decimalComma(f.description) : f.description
    }
    static func percent(_ share: Decimal, _ lang: Language) -> String {
        decimal(share * 100, places: 1, lang) + " %"
    }
}

/// Rounds a decimal half away from zero and clamps it to 0...100.
func reviewScore(_ value: Decimal) -> Int {
    var v = value, r = Decimal()
    NSDecimalRound(&r, &v, 0, .plain)
    let i = NSDecimalNumber(decimal: r).intValue
    return min(100, max(0, i))
}

/// Integer fast paths for the hot loops (100,000 positions); each equals its Decimal definition.
enum ReviewMath {
    /// `num / den` rounded half away from zero (den > 0).
    static func rounded(_ num: Int64, _ den: Int64) -> Int64 {
        let q = num / den, r = num % den
        if 2 * r.magnitude >= den.magnitude { return q + (num < 0 ? -1 : 1) }
        return q
    }
    /// The same as `fte.share(of: m)`: cents × units / 10,000, half away from zero to the cent.
    static func share(_ fte: FTE, of m: Money) -> Money {
        let (p, overflow) = m.cents.multipliedReportingOverflow(by: fte.units)
        if overflow { return fte.share(of: m) }
        return Money(cents: rounded(p, FTE.scale))
    }
    /// A score from a ratio, rounded half away from zero and capped to 0...100.
    static func score(_ num: Int64, _ den: Int64) -> Int { Int(min(100, max(0, rounded(num, den)))) }
}
