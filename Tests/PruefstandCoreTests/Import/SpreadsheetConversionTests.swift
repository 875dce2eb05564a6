import Foundation
import GRDB
import Testing
@testable import PruefstandCore

/// `.xls` and `.ods` through LibreOffice's headless converter (issue 14): a missing, hanging or failing
/// converter is an error that names the conversion command; the temporary folder never stays behind.
@Suite("Old and open workbooks: .xls and .ods through LibreOffice", .serialized)
struct SpreadsheetConversionTests {
    static var hasSoffice: Bool { SpreadsheetConversion.converter(environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""]) != nil }

    /// A script that stands in for soffice, one file per call. Written through a descriptor with O_CLOEXEC:
    /// tests start processes in parallel, and a child forked while the script is open for writing would keep
    /// it open and make its exec fail with ETXTBSY ("Text file busy").
    static func fakeConverter(_ dir: String, script: String) throws -> String {
        let path = "\(dir)/fake-soffice-\(UUID().uuidString.prefix(8))"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let bytes = Array("#!/bin/sh\n\(script)\n".utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    @Test("no converter, or one that is not a program: the error names the soffice command to run by hand")
    func missingConverter() throws {
        let (_, dir) = try TestSupport.tempStore()
        let file = "\(dir)/plan.xls"
        try Data([0xD0, 0xCF, 0x11, 0xE0]).write(to: URL(fileURLWithPath: file))
        for (converter, says) in [(nil as String?, "LibreOffice (soffice) is not installed"), ("\(dir)/nowhere/soffice", "nowhere/soffice is not an executable program")] {
            #expect { _ = try ConvertedSource(path: file, mapping: nil, converter: converter) } throws: { e in
                let text = "\(e)"
                return text.contains(says) && text.contains("soffice --headless --convert-to xlsx --outdir . '\(file)'") && text.contains("Excel 97–2003")
            }
        }
        #expect(SpreadsheetConversion.converter(environment: ["PRUEFSTAND_SOFFICE": "/x/soffice", "PATH": "/usr/bin"]) == "/x/soffice")
        #expect(SpreadsheetConversion.converter(environment: ["PATH": dir]) == nil)
    }

    @Test("the command line: PRUEFSTAND_SOFFICE pointing nowhere makes import exit 1 naming the command; nothing stored")
    func commandLine() throws {
        guard let binary = CrashSafetyTests.binary else { Issue.record("the pruefstand binary is not built"); return }
        let (_, dir) = try TestSupport.tempStore()
        try "Wert;Plan 2026\n".write(toFile: "\(dir)/plan.ods", atomically: true, encoding: .utf8)
        let (status, out) = try TestSupport.shell("PRUEFSTAND_SOFFICE='\(dir)/missing' '\(binary)' import plan '\(dir)/plan.ods' --db '\(dir)/s.sqlite' --rejects-dir '\(dir)' 2>&1")
        #expect(status == 1)
        #expect(out.contains("OpenDocument spreadsheet (.ods)") && out.contains("soffice --headless --convert-to xlsx"))
        let (_, count) = try TestSupport.shell("sqlite3 '\(dir)/s.sqlite' 'SELECT count(*) FROM importRun' 2>&1")
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test("a converter that hangs is stopped after the timeout; one that writes nothing is an error; the folder is removed")
    func hostileConverters() throws {
        let (_, dir) = try TestSupport.tempStore()
        let file = "\(dir)/plan.xls"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        // Each fake converter writes the --outdir it was given, so the test checks its own folders: other
        // tests convert in parallel, and their folders come and go in the same temporary directory.
        let hangs = try Self.fakeConverter(dir, script: "printf '%s\\n' \"$@\" > '\(dir)/args-hangs'; exec sleep 30")
        #expect { _ = try SpreadsheetConversion.convert(path: file, converter: hangs, timeout: 1) } throws: { "\($0)".contains("did not convert the file within 1 seconds") }
        let silent = try Self.fakeConverter(dir, script: "printf '%s\\n' \"$@\" > '\(dir)/args-silent'; echo 'Error: source file could not be loaded' >&2; exit 0")
        #expect { _ = try SpreadsheetConversion.convert(path: file, converter: silent) } throws: { "\($0)".contains("source file could not be loaded") }
        for name in ["args-hangs", "args-silent"] {
            let args = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8).split(separator: "\n").map(String.init)
            let outdir = try #require(args.firstIndex(of: "--outdir").map { args[$0 + 1] })
            #expect(outdir.contains("pruefstand-convert-"))
            #expect(!FileManager.default.fileExists(atPath: outdir), "\(name): \(outdir) was left behind")
        }
    }

    static func conversionFolders() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix("pruefstand-convert-") })
    }

    /// A plan made here as CSV and saved as .ods by LibreOffice itself (products and accounts as text columns);
    /// the figures by hand.
    @Test("an .ods imports through the converter: rows and totals as written; its folder goes with the import", .enabled(if: hasSoffice))
    func odsImport() throws {
        let (store, dir) = try TestSupport.tempStore()
        try "Produkt,Konto,Plan 2026\n01.11.01,521100,1234.5\n01.11.01,431100,20\n".write(toFile: "\(dir)/plan.csv", atomically: true, encoding: .utf8)
        let (status, out) = try TestSupport.shell("soffice '-env:UserInstallation=file://\(dir)/profile' --headless --infilter=CSV:44,34,76,1,1/2/2/2/3/1 --convert-to ods --outdir '\(dir)' '\(dir)/plan.csv' 2>&1")
        #expect(status == 0, "\(out)")
        let mapping = try Mapping.parse(try StrictYAML.parse("""
            kind: plan
            columns: { product: Produkt, account: Konto }
            unpivot: { pattern: '^Plan (\\d{4})$', kind: plan }
            """, file: "\(dir)/m.yaml"))
        let before = try Self.conversionFolders()
        var options = ImportOptions()
        options.rejectsDirectory = dir
        let s = try Importer(store: store).run(kind: .plan, path: "\(dir)/plan.ods", mapping: mapping, options: options)
        #expect(s.rowsRead == 2 && s.rowsImported == 2)
        #expect(s.controlStoredCents == 125_450)
        #expect(s.sha256 == (try SHA256.file(at: "\(dir)/plan.ods")))
        #expect(s.convertedSha256 != nil && s.convertedSha256 != s.sha256)
        #expect(s.dialect.contains("ods workbook converted by LibreOffice"))
        // Other tests convert in parallel: a folder of theirs may exist for a while; one left by this
        // import stays for good. Wait for the others to end (at most 120 s), then none may be left.
        var left = try Self.conversionFolders().subtracting(before)
        for _ in 0..<240 where !left.isEmpty {
            usleep(500_000)
            left = try Self.conversionFolders().subtracting(before)
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
