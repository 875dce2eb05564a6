import Foundation

/// Generates "Musterstadt", the synthetic sample city of an NRW kreisfreie Stadt of about
/// 190,000 inhabitants (magnitudes after Hagen), in Pruefstand's canonical CSV formats.
///
/// Everything is synthetic: names, positions, postings and vendors are invented. Magnitudes follow
/// public figures (see `Datasets/musterstadt/README.md`); pay costs follow the published TVöD-VKA
/// and NRW Besoldung tables as far as stated in each row's `source`.
///
/// Deterministic: the same `scale` and `seed` give byte-identical files on every machine (own
/// PRNG, integer cents, no platform libm). `scale` multiplies the number of staff positions and
/// postings; the budget's euro magnitudes stay those of the whole city.
///
/// Example:
/// ```swift
/// let sample = try MusterstadtGenerator(scale: 0.05, seed: 7).generate()
/// try sample.write(to: URL(fileURLWithPath: "/tmp/musterstadt"))
/// ```
public struct MusterstadtGenerator: Sendable {
    /// The seed of the committed files in `Datasets/musterstadt/`.
    public static let defaultSeed: UInt64 = 2026
    /// The plan year; the ledger is the year before it.
    public static let planYear = 2026
    /// Written files, in writing order (`MusterstadtSample.sampleFiles`).
    public static var fileNames: [String] { MusterstadtSample(scale: 1, seed: defaultSeed).sampleFiles.map(\.name) }

    public let scale: Double
    public let seed: UInt64

    /// - Throws: `PruefstandError.other` when `scale` is not in 0.001…10.
    public init(scale: Double = 1, seed: UInt64 = MusterstadtGenerator.defaultSeed) throws {
        guard scale.isFinite, scale >= 0.001, scale <= 10 else {
            throw PruefstandError.other("--scale must be between 0.001 and 10, got \(scale)")
        }
        self.scale = scale
        self.seed = seed
    }

    /// Builds the whole sample in memory (about 350,000 postings at scale 1; a few seconds in release).
    /// `ledgers: false` stops before the two ledgers (their files empty but for the header, no ledger findings):
    /// the other files are the same, since each part draws from its own random stream.
    public func generate(ledgers: Bool = true) -> MusterstadtSample {
        let root = SampleRandom(seed: seed)
        var sample = MusterstadtSample(scale: scale, seed: seed)
        var orgRandom = root.stream(1)
        let org = SampleOrganisation.build(scale: scale, random: &orgRandom)
        sample.orgUnits = org.units
        sample.costCenters = org.costCenters
        sample.positions = org.positions
        var vacancyRandom = root.stream(2)
        sample.vacancies = SampleOrganisation.vacancies(positions: org.positions, random: &vacancyRandom)
        sample.payCosts = SamplePayCosts.rows(grades: Set(org.positions.map(\.payGrade)))
        var budgetRandom = root.stream(3)
        let budget = SampleBudget.build(organisation: org, random: &budgetRandom)
        sample.planLines = budget.lines
        sample.codeNames = SampleCodeList.rows(products: budget.products)
        guard ledgers else { sample.findings.budgetVariances = budget.plantedVariances; return sample }
        var ledgerRandom = root.stream(4)
        let ledger2025 = SampleLedger.build(year: 2025, targets: budget.actual2025, postingCount: count(200_000),
                                            budget: budget, organisation: org, plant: true, random: &ledgerRandom)
        sample.ledger2025 = ledger2025.postings
        sample.findings = ledger2025.findings
        sample.findings.budgetVariances = budget.plantedVariances
        var ledger2024Random = root.stream(5)
        sample.ledger2024 = SampleLedger.build(year: 2024, targets: budget.actual2024, postingCount: count(150_000),
                                               budget: budget, organisation: org, plant: false,
                                               random: &ledger2024Random).postings
        return sample
    }

    private func count(_ base: Int) -> Int { max(500, Int((Double(base) * scale).rounded())) }
}

/// The generated sample: records for each file, what was planted, and the CSV bytes.
public struct MusterstadtSample: Sendable {
    public var scale: Double
    public var seed: UInt64
    public var orgUnits: [SampleOrgUnit] = []
    public var costCenters: [SampleCostCenter] = []
    public var positions: [SamplePosition] = []
    public var vacancies: [SampleVacancy] = []
    public var payCosts: [SamplePayCost] = []
    public var planLines: [SamplePlanLine] = []
    /// The names of the product areas, groups, products and accounts (`codes.csv`).
    public var codeNames: [SampleCodeName] = []
    public var ledger2025: [SamplePosting] = []
    public var ledger2024: [SamplePosting] = []
    public var findings = MusterstadtFindings()
}

/// One org unit (`orgunits.csv`).
public struct SampleOrgUnit: Sendable, Hashable {
    public var id: String, name: String, parentId: String?, category: String
}

/// One cost center (`costcenters.csv`).
public struct SampleCostCenter: Sendable, Hashable {
    public var id: String, name: String, orgUnitId: String
}

/// One position of the position plan (`positions.csv`).
public struct SamplePosition: Sendable, Hashable {
    public var id: String, orgUnitId: String, supervisorId: String?
    public var title: String, function: String, payGrade: String
    /// FTE in units of 1/10,000.
    public var fteUnits: Int64
    public var isVacant: Bool, vacantSince: CivilDate?
    public var isLeadership: Bool
    public var kldb: String
}

/// One expected or past vacancy (`vacancies.csv`).
public struct SampleVacancy: Sendable, Hashable {
    public var positionId: String, expectedDate: CivilDate, reason: String
    public var refillRequested: Bool, refillSource: String?, filledDate: CivilDate?
}

/// Annual pay cost of one pay grade (`paycosts.csv`).
public struct SamplePayCost: Sendable, Hashable {
    public var fiscalYear: Int, payGrade: String
    public var annualSalaryCents: Int64, employerOnCostCents: Int64
    public var source: String
}

/// One plan or prior-year actual line (`plan.csv`).
public struct SamplePlanLine: Sendable, Hashable {
    public var fiscalYear: Int, product: String, account: String, amountCents: Int64, kind: String
}

/// One ledger posting (`ledger-2025.csv`, `ledger-2024.csv`).
public struct SamplePosting: Sendable, Hashable {
    public var fiscalYear: Int, date: CivilDate, documentId: String, product: String, costCenter: String
    public var account: String, description: String, vendor: String, amountCents: Int64
}

/// What the generator planted in the data on purpose, so that tests and the README can name it.
public struct MusterstadtFindings: Sendable, Hashable {
    /// Pairs of document ids: the second posting repeats the first's vendor and amount within 3 days.
    public var duplicatePayments: [DocumentPair] = []
    /// Document ids that two different postings carry.
    public var reusedDocumentIds: [String] = []
    /// Groups of document ids: one vendor, 2–3 amounts just below 25,000 EUR within 2 days.
    public var splitPayments: [[String]] = []
    /// Document ids posted on a Saturday, Sunday or NRW public holiday.
    public var nonWorkingDayPostings: [String] = []
    /// The vendor with mostly round amounts.
    public var roundAmountVendor = ""
    /// Product × account pairs whose 2025 actual deviates strongly from the 2025 plan.
    public var budgetVariances: [PlantedVariance] = []

    public init() {}

}

/// Two document ids that belong together (an original and its duplicate).
public struct DocumentPair: Sendable, Hashable {
    public var first: String, second: String
}

/// A planted plan/actual variance.
public struct PlantedVariance: Sendable, Hashable {
    public var product: String, account: String, planCents: Int64, actualCents: Int64
}
