// libFuzzer target for the run manifest (`pruefstand.yaml`): any text must load or end in a
// `PruefstandError` that renders, never a crash, a trap or a hang; a manifest that loads has its years
// in range and every path inside the city folder. Built only with -DFUZZING (scripts/fuzz.sh).
#if FUZZING
import Foundation
import PruefstandCore

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-manifest-\(getpid())").path
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let realFolder = ProtectedFiles.resolved(folder)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let bytes else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: size), as: UTF8.self)
    do {
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
    } catch let error as PruefstandError {
        _ = error.description   // every message must render
    } catch {
        fatalError("not a PruefstandError: \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

for warmUp in ["name: x\nplan_year: 2026\ninputs: []\n", "name: x\nplan_year: 20266\ninputs: []\n", ":"] {
    let b = Array(warmUp.utf8)
    _ = b.withUnsafeBufferPointer { fuzzManifest($0.baseAddress, $0.count) }
}
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzManifest))
#else
print("FuzzManifest is a libFuzzer target: run scripts/fuzz.sh")
#endif
