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
    /// The factor each model's base was scaled by to meet the plan (`scaled(_:)`); empty when not calibrated.
    public var calibration: [ScenarioModelKind: Decimal] = [:]
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

public enum LegalForm: String, Sendable, Hashable, CaseIterable, Labelled {
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
    /// Its label (`labels.tsv`) names the legal form in the relief tables and the typical cases.
    public static let labelGroup = "legal_form"
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
        /// owner, tenant (pays through the service charges, § 2 Nr. 1 BetrKV) or business (a Nichtwohngrundstück).
        public var kind: String
        public var messbetrag: Money
        /// A business's legal form (the Grundsteuer is a Betriebsausgabe: its net burden after income or corporate
        /// tax and Gewerbesteuer); nil for households.
        public var legalForm: LegalForm? = nil
        /// Marginal income-tax rate (with Soli) of a sole proprietor's or partner's business income, a share.
        public var incomeTaxRate: Decimal? = nil
        public var incomeTaxRateSource: String? = nil
        /// Residential property (Wohngrundstück) unless a business.
        public var isResidential: Bool { kind != "business" }
    }
    public var year: Int
    public var source: String
    /// Sum of the Messbeträge: of all Grundsteuer-B property, or of the residential property (Wohngrundstücke)
    /// when `messbetragNichtwohnen` is given.
    public var messbetrag: Money
    /// Sum of the Messbeträge of non-residential property (Nichtwohngrundstücke), when the city data keep the
    /// two bases apart (needed for the differentiated Hebesätze of the NRW Grundsteuer-Hebesatzgesetz).
    public var messbetragNichtwohnen: Money? = nil
    public var typicalCases: [TypicalCase]
}

/// Kita fee table (income brackets × care hours × age group) and enrollment per cell.
public struct KitaData: Sendable {
    public var feeTable: KitaFeeTable
    public var enrollment: KitaEnrollment
    public var typicalFamilies: [KitaFamily]
    /// The fee revenue's calibration factor (1 unless the base was derived from the plan, `CityData.scaled`).
    public var revenueFactor: Decimal = 1
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
        let root = try StrictYAML.load(path: file)
        let dir = (file as NSString).deletingLastPathComponent
        let f = try root.dictionary(allowed: ["name", "kreisfrei", "source", "gewerbesteuer", "grundsteuer_b", "kita", "fees", "plan_accounts", "schluesselzuweisungen"],
                                required: ["name", "kreisfrei", "source", "gewerbesteuer", "grundsteuer_b"])
        let gewst = try parseGewerbesteuer(f["gewerbesteuer"]!)
        let grundst = try parseGrundsteuer(f["grundsteuer_b"]!)
        var kita: KitaData?
        if let k = f["kita"] {
            let kf = try k.dictionary(allowed: ["fee_table", "enrollment", "typical_families"], required: ["fee_table", "enrollment"])
            let table = try KitaFeeTable.load(file: resolve(try kf["fee_table"]!.text(), in: dir))
            let enrollment = try KitaEnrollment.load(file: resolve(try kf["enrollment"]!.text(), in: dir), table: table)
            var families: [KitaFamily] = []
            for item in try kf["typical_families"]?.list() ?? [] {
                let ff = try item.dictionary(allowed: ["name", "income", "age", "hours", "sibling"], required: ["name", "income", "age", "hours"])
                let ageText = try ff["age"]!.text()
                guard let age = KitaAge(rawValue: ageText) else { throw ff["age"]!.fail("age is u3 or ue3") }
                families.append(KitaFamily(name: try ff["name"]!.text(), income: Money.rounding(try ff["income"]!.decimal()),
                                           age: age, hours: try ff["hours"]!.int(), isSibling: try ff["sibling"]?.bool() ?? false))
            }
            kita = KitaData(feeTable: table, enrollment: enrollment, typicalFamilies: families)
        }
        var fees: [FeeSchedule] = []
        if let feesNode = f["fees"] {
            fees = try FeeSchedule.loadAll(file: resolve(try feesNode.text(), in: dir))
        }
        return CityData(name: try f["name"]!.text(), kreisfrei: try f["kreisfrei"]!.bool(), gewerbesteuer: gewst,
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

    static func parseGewerbesteuer(_ node: StrictYAML) throws -> GewerbesteuerBase {
        let f = try node.dictionary(allowed: ["year", "source", "classes", "typical_cases"], required: ["year", "source", "classes"])
        var classes: [GewerbesteuerBase.TaxpayerClass] = []
        for item in try f["classes"]!.list() {
            let c = try item.dictionary(allowed: ["legal_form", "size_class", "businesses", "messbetrag"],
                                    required: ["legal_form", "size_class", "businesses", "messbetrag"])
            let formText = try c["legal_form"]!.text()
            guard let form = LegalForm(rawValue: formText) else {
                throw c["legal_form"]!.fail("unknown legal form '\(formText)'; allowed: \(LegalForm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let m = try c["messbetrag"]!.decimal()
            guard m >= 0 else { throw c["messbetrag"]!.fail("a Messbetrag cannot be negative") }
            classes.append(.init(legalForm: form, sizeClass: try c["size_class"]!.text(),
                                 businesses: try c["businesses"]!.int(), messbetrag: Money.rounding(m)))
        }
        var cases: [TypicalBusiness] = []
        for item in try f["typical_cases"]?.list() ?? [] {
            let c = try item.dictionary(allowed: ["name", "legal_form", "gewerbeertrag", "income_tax_attributable", "partners"],
                                    required: ["name", "legal_form", "gewerbeertrag"])
            let formText = try c["legal_form"]!.text()
            guard let form = LegalForm(rawValue: formText) else { throw c["legal_form"]!.fail("unknown legal form '\(formText)'") }
            cases.append(TypicalBusiness(name: try c["name"]!.text(), legalForm: form,
                                         gewerbeertrag: Money.rounding(try c["gewerbeertrag"]!.decimal()),
                                         incomeTaxAttributable: try c["income_tax_attributable"].map { Money.rounding(try $0.decimal()) },
                                         partners: try c["partners"]?.int() ?? 1))
        }
        return GewerbesteuerBase(year: try f["year"]!.int(), source: try f["source"]!.text(), classes: classes, typicalCases: cases)
    }

    static func parseGrundsteuer(_ node: StrictYAML) throws -> GrundsteuerBase {
        let f = try node.dictionary(allowed: ["year", "source", "messbetrag", "messbetrag_wohnen", "messbetrag_nichtwohnen", "typical_cases"],
                                required: ["year", "source"])
        var cases: [GrundsteuerBase.TypicalCase] = []
        for item in try f["typical_cases"]?.list() ?? [] {
            let c = try item.dictionary(allowed: ["name", "kind", "messbetrag", "legal_form", "income_tax_rate", "income_tax_rate_source"],
                                    required: ["name", "kind", "messbetrag"])
            let kind = try c["kind"]!.text()
            guard ["owner", "tenant", "business"].contains(kind) else { throw c["kind"]!.fail("kind is owner, tenant or business") }
            var t = GrundsteuerBase.TypicalCase(name: try c["name"]!.text(), kind: kind, messbetrag: Money.rounding(try c["messbetrag"]!.decimal()))
            if let lf = c["legal_form"] {
                guard kind == "business" else { throw lf.fail("only a business has a legal form (its Grundsteuer is a Betriebsausgabe)") }
                guard let form = LegalForm(rawValue: try lf.text()) else {
                    throw lf.fail("unknown legal form; allowed: \(LegalForm.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                t.legalForm = form
                if form.hasIncomeTaxCredit {
                    guard let r = c["income_tax_rate"], let src = c["income_tax_rate_source"] else {
                        throw item.fail("a sole proprietor's or partnership's case needs income_tax_rate (marginal, a share) and income_tax_rate_source")
                    }
                    let rate = try r.decimal()
                    guard rate >= 0 && rate < 1 else { throw r.fail("income_tax_rate is a share between 0 and 1 (0.42 = 42 %)") }
                    t.incomeTaxRate = rate; t.incomeTaxRateSource = try src.text()
                } else if let r = c["income_tax_rate"] {
                    throw r.fail("a corporation's rate is the Körperschaftsteuer with Soli (parameters), not income_tax_rate")
                }
            } else if let r = c["income_tax_rate"] ?? c["income_tax_rate_source"] {
                throw r.fail("income_tax_rate needs legal_form")
            }
            cases.append(t)
        }
        let single = f["messbetrag"], wohnen = f["messbetrag_wohnen"], nichtwohnen = f["messbetrag_nichtwohnen"]
        func amount(_ n: StrictYAML) throws -> Money {
            let d = try n.decimal()
            guard d >= 0 else { throw n.fail("a Messbetrag cannot be negative") }
            return Money.rounding(d)
        }
        let base: (Money, Money?)
        switch (single, wohnen, nichtwohnen) {
        case let (m?, nil, nil): base = (try amount(m), nil)
        case let (nil, w?, n?): base = (try amount(w), try amount(n))
        default:
            throw node.fail("give either messbetrag (one base) or messbetrag_wohnen and messbetrag_nichtwohnen (separate bases for differentiated Hebesätze)")
        }
        return GrundsteuerBase(year: try f["year"]!.int(), source: try f["source"]!.text(),
                               messbetrag: base.0, messbetragNichtwohnen: base.1, typicalCases: cases)
    }
}

extension FeeSchedule {
    static func loadAll(file: String) throws -> [FeeSchedule] {
        let root = try StrictYAML.load(path: file)
        let f = try root.dictionary(allowed: ["source", "schedules"], required: ["source", "schedules"])
        let source = try f["source"]!.text()
        return try f["schedules"]!.list().map { s in
            let sf = try s.dictionary(allowed: ["key", "name", "source", "items"], required: ["key", "name", "items"])
            let items = try sf["items"]!.list().map { i -> Item in
                let itf = try i.dictionary(allowed: ["key", "name", "rate", "quantity", "unit"], required: ["key", "name", "rate", "quantity", "unit"])
                let q = try itf["quantity"]!.decimal()
                guard q >= 0 else { throw itf["quantity"]!.fail("a quantity cannot be negative") }
                return Item(key: try itf["key"]!.text(), name: try itf["name"]!.text(), rateParameter: try itf["rate"]!.text(),
                            quantity: q, unit: try itf["unit"]!.text())
            }
            return FeeSchedule(key: try sf["key"]!.text(), name: try sf["name"]!.text(),
                               source: try sf["source"]?.text() ?? source, items: items)
        }
    }
}
