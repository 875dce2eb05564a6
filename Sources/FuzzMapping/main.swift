// libFuzzer target for the mapping file loader (Import/Mapping.swift) and what a mapping does to an import.
// The input is a mapping file (YAML); after a line `#csv` the rest is the CSV file to import with it, else a
// small sample of the mapping's kind is used. Loading must end in a mapping or a PruefstandError naming the
// file; an import with a loaded mapping must end in a summary whose rows add up (read = imported + rejected)
// or a PruefstandError: never a crash, a trap or a hang. Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport
import PruefstandCore

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-mapping-\(getpid())").path
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let mappingPath = folder + "/mapping.yaml"
let csvPath = folder + "/input.csv"
/// One store for the process, emptied after each input (every import table cascades from importRun): a
/// fresh store per input would spend most of the time on migrations.
let store = try! Store.inMemory()

/// A few rows of each kind in its canonical layout, with a total row where the kind has amounts.
let samples: [ImportKind: String] = [
    .ledger: "fiscal_year,posting_date,document_id,product,cost_center,account,description,vendor,amount\n2025,2025-01-02,B1,01.11.01,K1,521100,Miete,V,1.234.56\n2025,02.01.2025,B2,01.11.01,,431100,Gebühr,,-20.25\nSumme,,,,,,,,-19.01\n",
    .plan: "fiscal_year,product,account,plan_amount,kind,Plan 2026,Ist 2024\n2025,01.11.01,501100,1000.00,plan,1100.00,900\n2025,01.11.01,401100,(50.00),Ist,,\n",
    .positions: "position_id,org_unit,supervisor_id,title,pay_grade,fte,status,vacant_since,is_leadership,kldb\nP1,FB1,,Leitung,A 15,1,besetzt,,ja,73294\nP2,FB1,P1,SB,EG 9b,0.5,vacant,2024-03-01,nein,\nP3,FB1,P9,SB,E9b,1,occupied,,nein,\n",
    .vacancies: "position_id,expected_date,reason,refill_requested,refill_source,filled_date\nP1,31.12.2026,Ruhestand,ja,,\n",
    .orgunits: "org_unit,name,parent_id,category\nVV,Verwaltungsvorstand,,leadership\nGesamt-PR,Gesamtpersonalrat,VV,administration\nFB1,Finanzen,X,finance\n",
    .costcenters: "cost_center,name,org_unit\nK1,Kasse,FB1\n",
    .codes: "code,name,dimension,level\n0101,Landtag,kapitel,\n01,=SUMME(A1),product,produktbereich\n0101,Landtag,kapitel,\n",
    .paycosts: "fiscal_year,pay_grade,annual_salary,employer_on_costs,source\n2025,EG 9b,50000.00,10000.00,TVöD\n2025,A 13,60000,0,BBesO\n",
    .taxrates: "municipality,ags,fiscal_year,grundsteuer_a,grundsteuer_b,gewerbesteuer\nHagen,05914000,2024,290,750,520\n",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes, size > 0 else { return 0 }
    var data = Data(bytes: bytes, count: size)
    var csv: Data?
    if let r = data.range(of: Data("\n#csv\n".utf8)) {
        csv = data.subdata(in: r.upperBound..<data.endIndex)
        data = data.subdata(in: data.startIndex..<r.lowerBound)
    }
    _ = FileManager.default.createFile(atPath: mappingPath, contents: data)
    var loaded: Mapping?
    expectOnly(PruefstandError.self, "the mapping loader", { loaded = try Mapping.load(path: mappingPath) }) { _, message in
        guard message.contains(mappingPath) else { fatalError("a mapping error does not name the file: \(message)") }
    }
    guard let mapping = loaded else { return 0 }
    _ = FileManager.default.createFile(atPath: csvPath, contents: csv ?? Data(samples[mapping.kind]!.utf8))
    defer { _ = try? store.write { try $0.execute(sql: "DELETE FROM importRun") } }
    expectOnly(PruefstandError.self, "the import") {
        var options = ImportOptions()
        options.onError = .quarantine
        options.rejectsDirectory = nil
        let s = try Importer(store: store).run(kind: mapping.kind, path: csvPath, mapping: mapping, options: options)
        guard s.rowsRead == s.rowsImported + s.rowsRejected else { fatalError("rows do not add up: \(s.text(.en))") }
        _ = s.text(.en)
    }
    return 0
}

runFuzzer("FuzzMapping", fuzzMapping, warmUps: ["kind: ledger\n", "kind: plan\nunpivot: { pattern: '^(Plan|Ist) (\\d+)$', kinds: { Plan: plan, Ist: actual } }\n"])
