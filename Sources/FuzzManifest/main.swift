// libFuzzer target for the run manifest (`pruefstand.yaml`): any text must load or end in a
// `PruefstandError` that renders, never a crash, a trap or a hang; a manifest that loads has its years
// in range and every path inside the city folder. Driven by libFuzzer when built with -DFUZZING (scripts/fuzz.sh, FuzzSupport).
import Foundation
import FuzzSupport
import PruefstandCore

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-manifest-\(getpid())").path
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let realFolder = ProtectedFiles.resolved(folder)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    expectOnly(PruefstandError.self, "the manifest loader") {
        let m = try Manifest.parse(try StrictYAML.parse(text, file: folder + "/pruefstand.yaml"), folder: folder)
        let settings = try RunSettings.from(manifest: m)
        guard Manifest.years.contains(m.planYear), Manifest.years.contains(m.asOf.year),
              settings.varianceYear.map(Manifest.years.contains) ?? true else {
            fatalError("a year out of range was accepted: \(m.planYear) \(m.asOf) \(String(describing: settings.varianceYear))")
        }
        let paths = m.inputs.map(\.file) + m.inputs.compactMap(\.mapping) + [m.reportPath] + (m.csvDirectory.map { [$0] } ?? [])
            + settings.parameterFiles
        for p in paths {
            let real = ProtectedFiles.resolved(m.resolve(p))
            guard real == realFolder || real.hasPrefix(realFolder + "/") else { fatalError("a path outside the folder was accepted: \(p) → \(real)") }
        }
    }
    return 0
}

runFuzzer("FuzzManifest", fuzzManifest, warmUps: ["name: x\nplan_year: 2026\ninputs: []\n", "name: x\nplan_year: 20266\ninputs: []\n", ":"])
