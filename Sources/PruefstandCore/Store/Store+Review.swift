import Foundation
import GRDB

extension Store {
    /// Positions with at least one recorded committee decision of the position review (current or superseded).
    static func reviewDecidedPositions(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT DISTINCT positionId FROM reviewDecision"))
    }
}
