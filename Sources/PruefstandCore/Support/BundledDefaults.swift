import Foundation

/// The built-in parameter files shipped with the package (`Sources/PruefstandCore/Resources/defaults/`, a
/// SwiftPM resource): the declarations and default values of the review's, the audit's and the projection's
/// parameters (docs/parameters.md).
///
/// SwiftPM copies them into the resource bundle beside the built binary (`Pruefstand_PruefstandCore.resources`
/// on Linux), which `Bundle.module` finds from any working directory; a binary copied elsewhere must take
/// that folder with it.
///
///     let path = BundledDefaults.path("review.yaml")
public enum BundledDefaults {
    /// The path of a shipped defaults file.
    public static func path(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("defaults").appendingPathComponent(name).path
    }
}
