import Foundation
@testable import PruefstandCore

extension TestSupport {
    typealias ProcessResult = (status: Int32, out: String, err: String, signalled: Bool, timedOut: Bool)

    /// Runs a program to its end and returns its exit status, standard output and standard error.
    ///
    /// Output goes to temporary files, not pipes: Foundation's pipe reader traps on an interrupted read
    /// (EINTR), and two pipes read one after the other dead-lock once the second fills its buffer.
    ///
    /// `signalled` says the program ended by a signal (then `status` is the signal's number; a Swift runtime
    /// trap is one). With a `timeout` a program still running then is killed and `timedOut` is set.
    static func runProcess(_ executable: URL, _ arguments: [String], cwd: String? = nil, timeout: TimeInterval? = nil)
        throws -> ProcessResult {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-proc-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
              FileManager.default.createFile(atPath: errPath, contents: nil),
              let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath)
        else { throw PruefstandError.other("cannot create the output files \(base).out/.err") }
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = out
        p.standardError = err
        try p.run()
        var timedOut = false
        if let timeout {
            let deadline = Date().addingTimeInterval(timeout)
            while p.isRunning && Date() < deadline { usleep(20_000) }
            if p.isRunning { timedOut = true; kill(p.processIdentifier, SIGKILL) }
        }
        p.waitUntilExit()
        try out.close(); try err.close()
        func text(_ path: String) throws -> String {
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        }
        return (p.terminationStatus, try text(outPath), try text(errPath), p.terminationReason == .uncaughtSignal, timedOut)
    }
}
