import Foundation

/// A city's tax bases, Kita tables and fee schedules: the data the scenario models apply
/// parameters to. Read from `stadt.yaml` and the files it names (relative to it).
///
/// Every table carries a `source`; Musterstadt's say "synthetic for Musterstadt" with the
/// magnitudes they take from `nrw-facts.md` (Hagen).
public struct CityData: Sendable {
    public var name: String
    /// Kreisfreie Stadt (true) or kreisangehörige Gemeinde: selects the GFG fictive rates.
    public var kreisfrei: Bool
    public var gewerbesteuer: GewerbesteuerBase
    public var grundsteuerB: GrundsteuerBase
    public var kita: KitaData?
    public var fees: [FeeSchedule]
    public var file: String
    /// The plan accounts of each model's revenue (baseline reconciliation), if the city data names them.
    public var planAccounts: PlanAccounts? = nil
    /// Whether the city receives Schlüsselzuweisungen (tax power below need); if not, the GFG has no effect.
    public var receivesSchluesselzuweisungen: Bool = true
}

/// Gewerbesteuer-Messbeträge of one base year by legal form × size class.
public struct GewerbesteuerBase: Sendable {
    public struct TaxpayerClass: Sendable, Hashable {
        public var legalForm: LegalForm
        /// Size class of the Messbetrag, e.g. "1.000–10.000 €".
        public var sizeClass: String
        public var businesses: Int
        /// Sum of the Messbeträge of the class in the base year.
        public var messbetrag: Money
    }
    public var year: Int
    public var source: String
    public var classes: [TaxpayerClass]
    public var typicalCases: [TypicalBusiness]
    public var total: Money { classes.map(\.messbetrag).sum() }
}

public enum LegalForm: String, Sendable, Hashable, CaseIterable {
    case kapitalgesellschaft, personengesellschaft, einzelunternehmen, sonstige
    /// The businesses of § 11 Abs. 1 Satz 3 Nr. 2 GewStG: associations and other legal persons of private law
    /// (§ 2 Abs. 3 GewStG), the businesses of § 3 Nr. 5 ff. GewStG and those of legal persons of public law.
    case verein
    /// Natural persons and partnerships get the Freibetrag of § 11 Abs. 1 Satz 3 Nr. 1 GewStG and the
    /// income-tax credit (§ 35 EStG).
    public var hasIncomeTaxCredit: Bool { self == .personengesellschaft || self == .einzelunternehmen }
    /// The Freibetrag of this legal form: Nr. 1 (natural persons, partnerships), Nr. 2 (`verein`), else none.
    ///
    /// Legal basis: § 11 Abs. 1 Satz 3 Nr. 1 und 2 GewStG.
    public func freibetrag(_ p: GewerbesteuerParameters) -> Money {
        switch self {
        case .personengesellschaft, .einzelunternehmen: return p.freibetrag
        case .verein: return p.freibetragNr2
        case .kapitalgesellschaft, .sonstige: return .zero
        }
    }
    public func label(_ lang: Language) -> String {
        switch (self, lang) {
        case (.kapitalgesellschaft, .de): return "Kapitalgesellschaft"
        case (.kapitalgesellschaft, .en): return "Corporation"
        case (.personengesellschaft, .de): return "Personengesellschaft"
        case (.personengesellschaft, .en): return "Partnership"
        case (.einzelunternehmen, .de): return "Einzelunternehmen"
        case (.einzelunternehmen, .en): return "Sole proprietor"
        case (.sonstige, .de): return "Sonstige"
        case (.sonstige, .en): return "Other"
        case (.verein, .de): return "Verein / öffentlich-rechtlicher Betrieb (§ 11 Abs. 1 Satz 3 Nr. 2 GewStG)"
        case (.verein, .en): return "Association / public-law body (§ 11 (1) sentence 3 no. 2 GewStG)"
        }
    }
}

/// A typical business for the relief table: a Gewerbeertrag and, for natural persons and partners,
/// the income tax attributable to the business income (the cap of the § 35 EStG credit).
public struct TypicalBusiness: Sendable, Hashable {
    public var name: String
    public var legalForm: LegalForm
    public var gewerbeertrag: Money
    /// Income tax on the business income (Ermäßigungshöchstbetrag, § 35 Abs. 1 Satz 2 EStG); nil = not binding.
    public var incomeTaxAttributable: Money?
    public var partners: Int
    public init(name: String, legalForm: LegalForm, gewerbeertrag: Money, incomeTaxAttributable: Money? = nil, partners: Int = 1) {
        self.name = name; self.legalForm = legalForm; self.gewerbeertrag = gewerbeertrag
        self.incomeTaxAttributable = incomeTaxAttributable; self.partners = partners
    }
}

/// Grundsteuer B: the sum of the Messbeträge and typical cases.
public struct GrundsteuerBase: Sendable {
    public struct TypicalCase: Sendable, Hashable {
        public var name: String
        /// owner, tenant (pays through the service charges, § 2 Nr. 1 BetrKV) or business.
        public var kind: String
        public var messbetrag: Money
    }
    public var year: Int
    public var source: String
    public var messbetrag: Money
    public var typicalCases: [TypicalCase]
}

/// Kita fee table (income brackets × care hours × age group) and enrollment per cell.
public struct KitaData: Sendable {
    public var feeTable: KitaFeeTable
    public var enrollment: KitaEnrollment
    public var typicalFamilies: [KitaFamily]
}

public enum KitaAge: String, Sendable, Hashable, CaseIterable { case u3, ue3 }

public struct KitaFeeTable: Sendable {
    public struct Bracket: Sendable, Hashable {
        /// Annual income from (inclusive) and up to (inclusive); `to == nil` is open-ended.
        public var from: Money
        public var to: Money?
    }
    public var source: String
    public var file: String
    public var brackets: [Bracket]
    /// Monthly fee by age, weekly care hours (25/35/45) and bracket index.
    public var monthlyFees: [KitaAge: [Int: [Money]]]

    public func fee(age: KitaAge, hours: Int, bracket: Int) -> Money? { monthlyFees[age]?[hours]?[bracket] }
    public func bracket(forIncome income: Money) -> Int? {
        brackets.firstIndex { income >= $0.from && ($0.to.map { income <= $0 } ?? true) }
    }
}

public struct KitaEnrollment: Sendable {
    public struct Cell: Sendable, Hashable {
        public var bracket: Int      // 0-based index into the fee table
        public var age: KitaAge
        public var hours: Int
        /// All children enrolled in the cell.
        public var children: Int
        /// Children in the fee-free years before school (§ 50 Abs. 1 KiBiz).
        public var feeFree: Int
        /// Second or further siblings among the paying children (sibling rule of the fee by-law).
        public var siblings: Int
        public var paying: Int { children - feeFree - siblings }
    }
    public var year: Int
    public var source: String
    public var cells: [Cell]
    /// Sum of the Kindpauschalen for children aged three until school (basis of § 50 Abs. 2 KiBiz).
    public var kindpauschalenUe3: Money
    public var totalChildren: Int { cells.map(\.children).reduce(0, +) }
}

public struct KitaFamily: Sendable, Hashable {
    public var name: String
    public var income: Money
    public var age: KitaAge
    public var hours: Int
    public var isSibling: Bool
}

/// A generic fee schedule (any Gebühr or Entgelt): rates are parameters, quantities are data.
public struct FeeSchedule: Sendable {
    public struct Item: Sendable, Hashable {
        public var key: String
        public var name: String
        /// Parameter key of the rate in EUR per unit (so a scenario can override it with a source).
        public var rateParameter: String
        public var quantity: Decimal
        public var unit: String
    }
    public var key: String
    public var name: String
    public var source: String
    public var items: [Item]
}

extension CityData {
    /// Reads `stadt.yaml` and the Kita files it names.
    public static func load(file: String) throws -> CityData {
        let root = try ScenarioYAML.load(file: file)
        let dir = (file as NSString).deletingLastPathComponent
        let f = try root.fields(allowed: ["name", "kreisfrei", "source", "gewerbesteuer", "grundsteuer_b", "kita", "fees", "plan_accounts", "schluesselzuweisungen"],
                                required: ["name", "kreisfrei", "source", "gewerbesteuer", "grundsteuer_b"])
        let gewst = try parseGewerbesteuer(f["gewerbesteuer"]!)
        let grundst = try parseGrundsteuer(f["grundsteuer_b"]!)
        var kita: KitaData?
        if let k = f["kita"] {
            let kf = try k.fields(allowed: ["fee_table", "enrollment", "typical_families"], required: ["fee_table", "enrollment"])
            let table = try KitaFeeTable.load(file: resolve(try kf["fee_table"]!.string(), in: dir))
            let enrollment = try KitaEnrollment.load(file: resolve(try kf["enrollment"]!.string(), in: dir), table: table)
            var families: [KitaFamily] = []
            for item in try kf["typical_families"]?.sequence() ?? [] {
                let ff = try item.fields(allowed: ["name", "income", "age", "hours", "sibling"], required: ["name", "income", "age", "hours"])
                let ageText = try ff["age"]!.string()
                guard let age = KitaAge(rawValue: ageText) else { throw ff["age"]!.error("age is u3 or ue3") }
                families.append(KitaFamily(name: try ff["name"]!.string(), income: Money.rounding(try ff["income"]!.decimal()),
                                           age: age, hours: try ff["hours"]!.int(), isSibling: try ff["sibling"]?.bool() ?? false))
            }
            kita = KitaData(feeTable: table, enrollment: enrollment, typicalFamilies: families)
        }
        var fees: [FeeSchedule] = []
        if let feesNode = f["fees"] {
            fees = try FeeSchedule.loadAll(file: resolve(try feesNode.string(), in: dir))
        }
        return CityData(name: try f["name"]!.string(), kreisfrei: try f["kreisfrei"]!.bool(), gewerbesteuer: gewst,
                        grundsteuerB: grundst, kita: kita, fees: fees, file: file, planAccounts: try PlanAccounts.parse(f["plan_accounts"]),
                        receivesSchluesselzuweisungen: try f["schluesselzuweisungen"]?.bool() ?? true)
    }

    static func resolve(_ path: String, in dir: String) -> String {
        let full = path.hasPrefix("/") ? path : (dir as NSString).appendingPathComponent(path)
        var parts: [Substring] = []
        for c in full.split(separator: "/", omittingEmptySubsequences: false) {
            if c == "." { continue }
            if c == "..", let last = parts.last, last != "..", !last.isEmpty { parts.removeLast(); continue }
            parts.append(c)
        }
        return parts.joined(separator: "/")
    }

    static func parseGewerbesteuer(_ node: ScenarioYAML) throws -> GewerbesteuerBase {
        let f = try node.fields(allowed: ["year", "source", "classes", "typical_cases"], required: ["year", "source", "classes"])
        var classes: [GewerbesteuerBase.TaxpayerClass] = []
        for item in try f["classes"]!.sequence() {
            let c = try item.fields(allowed: ["legal_form", "size_class", "businesses", "messbetrag"],
                                    required: ["legal_form", "size_class", "businesses", "messbetrag"])
            let formText = try c["legal_form"]!.string()
            guard let form = LegalForm(rawValue: formText) else {
                throw c["legal_form"]!.error("unknown legal form '\(formText)'; allowed: \(LegalForm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let m = try c["messbetrag"]!.decimal()
            guard m >= 0 else { throw c["messbetrag"]!.error("a Messbetrag cannot be negative") }
            classes.append(.init(legalForm: form, sizeClass: try c["size_class"]!.string(),
                                 businesses: try c["businesses"]!.int(), messbetrag: Money.rounding(m)))
        }
        var cases: [TypicalBusiness] = []
        for item in try f["typical_cases"]?.sequence() ?? [] {
            let c = try item.fields(allowed: ["name", "legal_form", "gewerbeertrag", "income_tax_attributable", "partners"],
                                    required: ["name", "legal_form", "gewerbeertrag"])
            let formText = try c["legal_form"]!.string()
            guard let form = LegalForm(rawValue: formText) else { throw c["legal_form"]!.error("unknown legal form '\(formText)'") }
            cases.append(TypicalBusiness(name: try c["name"]!.string(), legalForm: form,
                                         gewerbeertrag: Money.rounding(try c["gewerbeertrag"]!.decimal()),
                                         incomeTaxAttributable: try c["income_tax_attributable"].map { Money.rounding(try $0.decimal()) },
                                         partners: try c["partners"]?.int() ?? 1))
        }
        return GewerbesteuerBase(year: try f["year"]!.int(), source: try f["source"]!.string(), classes: classes, typicalCases: cases)
    }

    static func parseGrundsteuer(_ node: ScenarioYAML) throws -> GrundsteuerBase {
        let f = try node.fields(allowed: ["year", "source", "messbetrag", "typical_cases"], required: ["year", "source", "messbetrag"])
        var cases: [GrundsteuerBase.TypicalCase] = []
        for item in try f["typical_cases"]?.sequence() ?? [] {
            let c = try item.fields(allowed: ["name", "kind", "messbetrag"], required: ["name", "kind", "messbetrag"])
            let kind = try c["kind"]!.string()
            guard ["owner", "tenant", "business"].contains(kind) else { throw c["kind"]!.error("kind is owner, tenant or business") }
            cases.append(.init(name: try c["name"]!.string(), kind: kind, messbetrag: Money.rounding(try c["messbetrag"]!.decimal())))
        }
        return GrundsteuerBase(year: try f["year"]!.int(), source: try f["source"]!.string(),
                               messbetrag: Money.rounding(try f["messbetrag"]!.decimal()), typicalCases: cases)
    }
}

extension KitaFeeTable {
    /// Reads a fee table:
    ///
    ///     source: Elternbeitragssatzung … (or "synthetic for Musterstadt")
    ///     brackets: [[0, 25000], [25000.01, 37000], …, [100000.01, null]]
    ///     monthly_fees:
    ///       u3:  {25: [0, 60, …], 35: […], 45: […]}
    ///       ue3: {25: […], 35: […], 45: […]}
    public static func load(file: String) throws -> KitaFeeTable {
        try parse(ScenarioYAML.load(file: file))
    }

    static func parse(_ root: ScenarioYAML) throws -> KitaFeeTable {
        let f = try root.fields(allowed: ["source", "brackets", "monthly_fees", "note"], required: ["source", "brackets", "monthly_fees"])
        var brackets: [Bracket] = []
        for b in try f["brackets"]!.sequence() {
            let pair = try b.sequence()
            guard pair.count == 2 else { throw b.error("a bracket is [from, to]; to may be null for the top bracket") }
            let from = Money.rounding(try pair[0].decimal())
            let to: Money? = pair[1].node.null != nil ? nil : Money.rounding(try pair[1].decimal())
            if let to, to < from { throw b.error("bracket upper limit below its lower limit") }
            brackets.append(Bracket(from: from, to: to))
        }
        guard !brackets.isEmpty else { throw f["brackets"]!.error("no brackets") }
        var fees: [KitaAge: [Int: [Money]]] = [:]
        for (ageKey, ageNode, line) in try f["monthly_fees"]!.entries() {
            guard let age = KitaAge(rawValue: ageKey) else {
                throw PruefstandError.config(path: root.file, line: line, key: "monthly_fees.\(ageKey)", message: "age group is u3 or ue3")
            }
            for (hoursKey, row, hLine) in try ageNode.entries() {
                guard let hours = Int(hoursKey), [25, 35, 45].contains(hours) else {
                    throw PruefstandError.config(path: root.file, line: hLine, key: "monthly_fees.\(ageKey).\(hoursKey)", message: "care hours are 25, 35 or 45")
                }
                let values = try row.sequence().map { n -> Money in
                    let d = try n.decimal()
                    guard d >= 0 else { throw n.error("a fee cannot be negative") }
                    return Money.rounding(d)
                }
                guard values.count == brackets.count else {
                    throw row.error("\(values.count) fees for \(brackets.count) income brackets")
                }
                fees[age, default: [:]][hours] = values
            }
        }
        return KitaFeeTable(source: try f["source"]!.string(), file: root.file, brackets: brackets, monthlyFees: fees)
    }
}

extension KitaEnrollment {
    /// Reads enrollment rows `[bracket (1-based), age, hours, children, fee_free, siblings]`.
    public static func load(file: String, table: KitaFeeTable) throws -> KitaEnrollment {
        let root = try ScenarioYAML.load(file: file)
        let f = try root.fields(allowed: ["year", "source", "kindpauschalen_ue3", "rows", "note"],
                                required: ["year", "source", "kindpauschalen_ue3", "rows"])
        var cells: [Cell] = []
        for row in try f["rows"]!.sequence() {
            let v = try row.sequence()
            guard v.count == 6 else { throw row.error("a row is [bracket, age, hours, children, fee_free, siblings]") }
            let bracket = try v[0].int() - 1
            guard table.brackets.indices.contains(bracket) else { throw v[0].error("bracket \(bracket + 1) is not in the fee table") }
            guard let age = KitaAge(rawValue: try v[1].string()) else { throw v[1].error("age group is u3 or ue3") }
            let hours = try v[2].int()
            guard table.fee(age: age, hours: hours, bracket: bracket) != nil else { throw v[2].error("no fee for \(age.rawValue) \(hours) h") }
            let cell = Cell(bracket: bracket, age: age, hours: hours, children: try v[3].int(), feeFree: try v[4].int(), siblings: try v[5].int())
            guard cell.children >= 0, cell.feeFree >= 0, cell.siblings >= 0, cell.paying >= 0 else {
                throw row.error("children must be at least fee_free + siblings, all non-negative")
            }
            if age == .u3 && cell.feeFree > 0 { throw v[4].error("U3 children are not in the fee-free years (§ 50 Abs. 1 KiBiz)") }
            cells.append(cell)
        }
        return KitaEnrollment(year: try f["year"]!.int(), source: try f["source"]!.string(), cells: cells,
                              kindpauschalenUe3: Money.rounding(try f["kindpauschalen_ue3"]!.decimal()))
    }
}

extension FeeSchedule {
    static func loadAll(file: String) throws -> [FeeSchedule] {
        let root = try ScenarioYAML.load(file: file)
        let f = try root.fields(allowed: ["source", "schedules"], required: ["source", "schedules"])
        let source = try f["source"]!.string()
        return try f["schedules"]!.sequence().map { s in
            let sf = try s.fields(allowed: ["key", "name", "source", "items"], required: ["key", "name", "items"])
            let items = try sf["items"]!.sequence().map { i -> Item in
                let itf = try i.fields(allowed: ["key", "name", "rate", "quantity", "unit"], required: ["key", "name", "rate", "quantity", "unit"])
                let q = try itf["quantity"]!.decimal()
                guard q >= 0 else { throw itf["quantity"]!.error("a quantity cannot be negative") }
                return Item(key: try itf["key"]!.string(), name: try itf["name"]!.string(), rateParameter: try itf["rate"]!.string(),
                            quantity: q, unit: try itf["unit"]!.string())
            }
            return FeeSchedule(key: try sf["key"]!.string(), name: try sf["name"]!.string(),
                               source: try sf["source"]?.string() ?? source, items: items)
        }
    }
}
