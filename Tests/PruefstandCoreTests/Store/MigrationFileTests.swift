import Foundation
import Testing
@testable import PruefstandCore

/// The migrations are SQL files embedded in the binary (`Resources/migrations/`, `Schema.migrations`). A file
/// added to the folder but not to Package.swift and the list would never run; a list entry whose bytes differ
/// from its file would run something nobody reviewed.
@Suite("Migration files")
struct MigrationFileTests {
    static let folder = TestSupport.repoRoot.appendingPathComponent("Sources/PruefstandCore/Resources/migrations")

    @Test("the folder's files are exactly the list's migrations, in order, and the binary carries each file's bytes")
    func filesMatchTheList() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        #expect(files == Schema.migrations.map { $0.id + ".sql" }, "add a migration to the folder, Package.swift and Schema.migrations together")
        for (id, bytes) in Schema.migrations {
            let onDisk = try Data(contentsOf: Self.folder.appendingPathComponent(id + ".sql"))
            #expect(Data(bytes) == onDisk, "\(id): the embedded SQL differs from its file (rebuild)")
            #expect(id.range(of: #"^v[0-9]+-[a-z-]+$"#, options: .regularExpression) != nil, "\(id): name it vN-what")
        }
        let numbers = Schema.migrations.map { Int($0.id.dropFirst().prefix { $0.isNumber })! }
        #expect(numbers == Array(1...numbers.count), "migration numbers run 1, 2, 3 … without a gap")
    }

    @Test("each file says in a comment what it adds, and the store records every identifier once")
    func commentedAndRecorded() throws {
        for (id, _) in Schema.migrations {
            let text = try #require(Schema.sql(id))
            #expect(text.hasPrefix("-- Migration \(id) "), "\(id): start the file with a comment naming it")
            #expect(text.split(separator: "\n").filter { $0.hasPrefix("--") }.count >= 2, "\(id): say what it adds")
        }
        let (store, _) = try TestSupport.tempStore()
        let recorded = try store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        #expect(recorded == Schema.migrations.map(\.id))
        #expect(throws: PruefstandError.self) { try store.write { try Schema.apply("v99-none", $0) } }
    }
}
