import Foundation
import GRDB

/// One row of `position` (the position plan, Stellenplan).
public struct PositionRecord: FetchableRecord, Sendable {
    public var positionId: String, orgUnitId: String, supervisorId: String?
    public var title: String, function: String, payGrade: String
    public var fteUnits: Int64, status: String, vacantSince: String?, isLeadership: Bool, kldb: String?

    public init(positionId: String, orgUnitId: String, supervisorId: String?, title: String, function: String, payGrade: String,
                fteUnits: Int64, status: String, vacantSince: String?, isLeadership: Bool, kldb: String?) {
        self.positionId = positionId; self.orgUnitId = orgUnitId; self.supervisorId = supervisorId
        self.title = title; self.function = function; self.payGrade = payGrade
        self.fteUnits = fteUnits; self.status = status; self.vacantSince = vacantSince; self.isLeadership = isLeadership; self.kldb = kldb
    }

    public init(row: Row) throws {
        self.init(positionId: row["positionId"], orgUnitId: row["orgUnitId"], supervisorId: row["supervisorId"], title: row["title"],
                  function: row["function"], payGrade: row["payGrade"], fteUnits: row["fteUnits"], status: row["status"],
                  vacantSince: row["vacantSince"], isLeadership: (row["isLeadership"] as Int) == 1, kldb: row["kldb"])
    }
}

/// One row of `vacancy` (a position that becomes vacant on `expectedDate`, ISO date text).
public struct VacancyRecord: FetchableRecord, Sendable {
    public var positionId: String, expectedDate: String, reason: String
    public var refillRequested: Bool, refillSource: String?, filledDate: String?

    public init(positionId: String, expectedDate: String, reason: String, refillRequested: Bool, refillSource: String?, filledDate: String?) {
        self.positionId = positionId; self.expectedDate = expectedDate; self.reason = reason
        self.refillRequested = refillRequested; self.refillSource = refillSource; self.filledDate = filledDate
    }

    public init(row: Row) throws {
        self.init(positionId: row["positionId"], expectedDate: row["expectedDate"], reason: row["reason"],
                  refillRequested: (row["refillRequested"] as Int) == 1, refillSource: row["refillSource"], filledDate: row["filledDate"])
    }
}

/// One row of `orgUnit`.
public struct OrgUnitRecord: FetchableRecord, Sendable {
    public var orgUnitId: String, name: String, parentId: String?, category: String

    public init(orgUnitId: String, name: String, parentId: String?, category: String) {
        self.orgUnitId = orgUnitId; self.name = name; self.parentId = parentId; self.category = category
    }

    public init(row: Row) throws {
        self.init(orgUnitId: row["orgUnitId"], name: row["name"], parentId: row["parentId"], category: row["category"])
    }
}

/// One row of `payCost` (annual cost of a pay grade in a fiscal year, cents).
public struct PayCostRecord: FetchableRecord, Sendable {
    public var fiscalYear: Int, payGrade: String, annualSalaryCents: Int64, employerOnCostCents: Int64, source: String

    public init(fiscalYear: Int, payGrade: String, annualSalaryCents: Int64, employerOnCostCents: Int64, source: String) {
        self.fiscalYear = fiscalYear; self.payGrade = payGrade; self.annualSalaryCents = annualSalaryCents
        self.employerOnCostCents = employerOnCostCents; self.source = source
    }

    public init(row: Row) throws {
        self.init(fiscalYear: row["fiscalYear"], payGrade: row["payGrade"], annualSalaryCents: row["annualSalaryCents"],
                  employerOnCostCents: row["employerOnCostCents"], source: row["source"])
    }
}

/// The staffing tables as the position review reads them, in one snapshot.
public struct StaffingRecords: Sendable {
    public var positions: [PositionRecord], vacancies: [VacancyRecord], orgUnits: [OrgUnitRecord], payCosts: [PayCostRecord]
    /// Positions with at least one recorded committee decision.
    public var decidedPositions: Set<String>

    public init(positions: [PositionRecord], vacancies: [VacancyRecord], orgUnits: [OrgUnitRecord], payCosts: [PayCostRecord],
                decidedPositions: Set<String> = []) {
        self.positions = positions; self.vacancies = vacancies; self.orgUnits = orgUnits; self.payCosts = payCosts
        self.decidedPositions = decidedPositions
    }
}

/// The statements of the position review's input (`Analysis/Review/ReviewEngine.swift`, `ReviewBenchmark.swift`).
extension Store {
    /// Positions (by id), vacancies (in import order), org units (by id), pay costs and decided positions.
    public func staffing() throws -> StaffingRecords {
        try read { db in
            let decided = try Store.reviewDecidedPositions(db)
            let positions = try PositionRecord.fetchAll(db, sql: """
                SELECT positionId, orgUnitId, supervisorId, title, function, payGrade, fteUnits, status, vacantSince, isLeadership, kldb
                FROM position ORDER BY positionId
                """)
            let vacancies = try VacancyRecord.fetchAll(
                db, sql: "SELECT positionId, expectedDate, reason, refillRequested, refillSource, filledDate FROM vacancy ORDER BY id")
            let units = try OrgUnitRecord.fetchAll(db, sql: "SELECT orgUnitId, name, parentId, category FROM orgUnit ORDER BY orgUnitId")
            let costs = try PayCostRecord.fetchAll(db, sql: "SELECT fiscalYear, payGrade, annualSalaryCents, employerOnCostCents, source FROM payCost")
            return StaffingRecords(positions: positions, vacancies: vacancies, orgUnits: units, payCosts: costs, decidedPositions: decided)
        }
    }

    /// Writes staffing records into the store's tables as one synthetic import run (kind `benchmark`), so that
    /// loading can be timed too.
    public func writeSyntheticStaffing(_ records: StaffingRecords) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO importRun (kind, sourcePath, sha256, byteCount, startedAt, finishedAt, rowsRead, rowsImported, rowsRejected, onError, engineVersion)
                VALUES ('benchmark', 'synthetic', hex(randomblob(16)), 0, '', '', 0, 0, 0, 'abort', 'benchmark')
                """)
            let importId = db.lastInsertedRowID
            let u = try db.makeStatement(sql: "INSERT INTO orgUnit VALUES (?, ?, 0, ?, ?, ?)")
            for x in records.orgUnits { try u.execute(arguments: [x.orgUnitId, importId, x.name, x.parentId, x.category]) }
            let p = try db.makeStatement(sql: """
                INSERT INTO position (positionId, importId, sourceLine, orgUnitId, supervisorId, title, function, payGrade, fteUnits, status, vacantSince, isLeadership, kldb)
                VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for x in records.positions {
                try p.execute(arguments: [x.positionId, importId, x.orgUnitId, x.supervisorId, x.title, x.function, x.payGrade, x.fteUnits,
                                          x.status, x.vacantSince, x.isLeadership ? 1 : 0, x.kldb])
            }
            let v = try db.makeStatement(sql: """
                INSERT INTO vacancy (importId, sourceLine, positionId, expectedDate, reason, refillRequested, refillSource, filledDate)
                VALUES (?, 0, ?, ?, ?, ?, ?, ?)
                """)
            for x in records.vacancies {
                try v.execute(arguments: [importId, x.positionId, x.expectedDate, x.reason, x.refillRequested ? 1 : 0, x.refillSource, x.filledDate])
            }
            let c = try db.makeStatement(sql: """
                INSERT INTO payCost (importId, sourceLine, fiscalYear, payGrade, annualSalaryCents, employerOnCostCents, source) VALUES (?, 0, ?, ?, ?, ?, ?)
                """)
            for x in records.payCosts {
                try c.execute(arguments: [importId, x.fiscalYear, x.payGrade, x.annualSalaryCents, x.employerOnCostCents, x.source])
            }
        }
    }
}
