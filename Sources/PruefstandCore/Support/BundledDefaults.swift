import Foundation

/// The built-in parameter files shipped with the package (`Sources/PruefstandCore/Resources/defaults/`): the
/// declarations and default values of the review's, the audit's and the projection's parameters (docs/parameters.md).
///
/// They are SwiftPM resources embedded in the code (`.embedInCode` in Package.swift): the bytes of each file are
/// compiled into the binary, so a `pruefstand` copied anywhere (or run from any folder) has its defaults and no
/// run depends on a resource folder beside the binary. The files stay the one place the values are written.
///
///     let doc = try BundledDefaults.document("review.yaml")
public enum BundledDefaults {
    /// The names of the shipped files.
    public static let names = ["review.yaml", "audit.yaml", "projection.yaml"]

    /// The file's place in the repository, as errors name it.
    public static func sourcePath(_ name: String) -> String { "Sources/PruefstandCore/Resources/defaults/\(name)" }

    /// The text of a shipped defaults file.
    public static func text(_ name: String) throws -> String {
        let bytes: [UInt8]
        switch name {
        case "review.yaml": bytes = PackageResources.review_yaml
        case "audit.yaml": bytes = PackageResources.audit_yaml
        case "projection.yaml": bytes = PackageResources.projection_yaml
        default: throw PruefstandError.file(path: sourcePath(name), message: "not a built-in defaults file (built in: \(names.joined(separator: ", ")))")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A shipped defaults file, read by the one YAML reader (anchors, duplicate and unknown keys refused as in
    /// every file).
    public static func document(_ name: String) throws -> StrictYAML {
        try StrictYAML.parse(text(name), file: sourcePath(name))
    }
}
