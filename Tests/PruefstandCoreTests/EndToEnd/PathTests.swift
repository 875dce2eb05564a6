import Foundation
import Testing
@testable import PruefstandCore

@Suite("Report paths")
struct PathTests {
    @Test("a manifest's relative report path resolves against the working directory, '..' collapsed", arguments: [
        ("Datasets/musterstadt/../../Reports/out/musterstadt.xlsx", "/Reports/out/musterstadt.xlsx"),
        ("./a/./b/../c.xlsx", "/a/c.xlsx"),
    ])
    func relative(path: String, suffix: String) {
        #expect(absolutePath(path) == FileManager.default.currentDirectoryPath + suffix)
    }

    @Test("an absolute path stays where it is")
    func absolute() { #expect(absolutePath("/tmp/x/../y.xlsx") == "/tmp/y.xlsx") }
}
