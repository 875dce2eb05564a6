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

    /// Every store in use has run these files; one edited after it shipped would leave new stores and old ones with
    /// different schemas (docs/decisions/0008-migrations-are-history.md). The SHA-256 of each file as it shipped: a
    /// new migration adds its line here when it ships, and no line ever changes.
    static let shipped: [(id: String, sha256: String)] = [
        ("v1-core", "633e85fdfdd287648e6f8bb11f9f29c8adb66e548cd63162b1ab9398dbd820e1"),
        ("v2-review", "3055a0f09ffa065b4b1c34d638f097b709efae9e8cb223e68cc56206c67991d4"),
        ("v3-load-modes", "8ea6e48900fc9059c1f9b60a31d0471b965e35f6f03f00ad31dd6abf6c041eab"),
        ("v4-code-schemes", "ca7f08fb00de6b99de622d12cb98903c4e21103cc3e2b17ee4235561cedd5df8"),
        ("v5-code-names", "a4ad037560cd636aded5397a31532c23556c2868e70037d25f95c0f4984a49bf"),
        ("v6-tax-rates", "c58ef0f6032f4fd6662827333cf15e8967fd775afa32d5b387e6574a286270f8"),
        ("v7-reject-reasons-de", "0ead9ed703ebe9b45e83279803db98064b0526785cde2e01b2a91edde171d5e0"),
    ]

    @Test("a shipped migration is never edited: each file's SHA-256 is the one it shipped with")
    func shippedFilesUnchanged() throws {
        let listed = Schema.migrations.map(\.id)
        #expect(Array(listed.prefix(Self.shipped.count)) == Self.shipped.map(\.id), "shipped migrations keep their names and order")
        for (id, sha) in Self.shipped {
            let url = Self.folder.appendingPathComponent(id + ".sql")
            #expect(try SHA256.file(at: url.path) == sha, "\(id) was edited after it shipped: add a new migration instead")
        }
    }
}
