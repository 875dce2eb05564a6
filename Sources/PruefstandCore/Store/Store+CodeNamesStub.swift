import Foundation

// TEMPORARY until branch imp14c (issue 14, `codes` import kind) is merged: its Store+CodeNames.swift defines
// the real `codeNames(dimension:)`; this file is deleted on that merge.
extension Store {
    public func codeNames(dimension: String) throws -> [String: String] { [:] }
}
