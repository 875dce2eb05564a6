import CPruefstandShims
import Foundation

/// SHA-256 (FIPS 180-4), streaming, computed by OpenSSL's libcrypto (about 2 GB/s with the CPU's
/// SHA instructions; docs/decisions/0005-sha256-openssl.md). Used to fingerprint every input file and
/// parameter file so an auditor can tie each report figure to the exact bytes it came from.
public struct SHA256 {
    /// The OpenSSL context, freed with the last copy of the hasher.
    private final class Context {
        let ctx: OpaquePointer
        init() {
            guard let c = pf_sha256_new() else { fatalError("OpenSSL could not allocate a SHA-256 context") }
            ctx = c
        }
        deinit { pf_sha256_free(ctx) }
    }
    private let context = Context()
    private var finished = false

    public init() {}

    public mutating func update(_ data: UnsafeRawBufferPointer) {
        precondition(!finished, "SHA256.update after finalize")
        guard let base = data.baseAddress, data.count > 0 else { return }
        guard pf_sha256_update(context.ctx, base, data.count) == 1 else { fatalError("OpenSSL SHA-256 update failed") }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The lower-case hex digest. The hasher takes no more input afterwards.
    public mutating func finalize() -> String {
        precondition(!finished, "SHA256.finalize twice")
        finished = true
        var digest = [UInt8](repeating: 0, count: 32)
        guard pf_sha256_final(context.ctx, &digest) == 1 else { fatalError("OpenSSL SHA-256 final failed") }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](); out.reserveCapacity(64)
        for b in digest { out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex digest of a whole file, read in 1 MiB blocks.
    public static func file(at path: String) throws -> String {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw PruefstandError.file(path: path, message: "cannot open for reading")
        }
        defer { try? fh.close() }
        var hasher = SHA256()
        while let chunk = try fh.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalize()
    }

    public static func hex(of bytes: [UInt8]) -> String {
        var hasher = SHA256(); hasher.update(bytes); return hasher.finalize()
    }
}
