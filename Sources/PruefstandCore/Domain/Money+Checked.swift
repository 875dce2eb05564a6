import Foundation

/// Arithmetic on amounts that come from input, reporting overflow instead of trapping.
///
/// `Money`'s operators (`+`, `-`, `*`) trap on overflow: they are for amounts whose range is known.
/// Every total, difference or product of amounts read from input (a ledger, a plan, a pay-cost table, a
/// parameter file) uses these instead, so that amounts each within the import's limit whose total passes
/// the 64-bit range end in a clear error naming what was being added up, never in a Swift runtime trap
/// (docs/decisions/0002, addendum). The error is a `PruefstandError` (exit code 1).
///
///     let total = try postings.map(\.amount).sum(checking: "Summe der Buchungen 2025")
///     let grown = try base.multiplied(by: 1 + rate, checking: "Ertrag 2030, Kontengruppe 40")
extension Money {
    /// The representable range, for messages: ±92.233.720.368.547.758,07 €.
    public static let representableRangeText = "±\(Money(cents: .max).germanString)"

    /// `self + other`, or an error naming `what` when the sum leaves the 64-bit range.
    @inline(__always)
    public func adding(_ other: Money, checking what: @autoclosure () -> String) throws -> Money {
        Money(cents: try Checked.value(cents.addingReportingOverflow(other.cents), what()))
    }

    /// `self - other`, or an error naming `what`.
    @inline(__always)
    public func subtracting(_ other: Money, checking what: @autoclosure () -> String) throws -> Money {
        Money(cents: try Checked.value(cents.subtractingReportingOverflow(other.cents), what()))
    }

    /// `self × n`, or an error naming `what`.
    public func multiplied(by n: Int64, checking what: @autoclosure () -> String) throws -> Money {
        Money(cents: try Checked.value(cents.multipliedReportingOverflow(by: n), what()))
    }

    /// Whole euros from input (`yearly_saving_euros: …`), or an error naming `what` when the cents do not fit.
    public init(euros: Int64, checking what: @autoclosure () -> String) throws {
        self.init(cents: try Checked.value(euros.multipliedReportingOverflow(by: 100), what()))
    }

    /// Multiplies by an exact decimal factor and rounds to the cent (as `multiplied(by:rounding:)`), or an
    /// error naming `what` when the result leaves the 64-bit range.
    public func multiplied(by factor: Decimal, rounding: Rounding = .halfAwayFromZero,
                           checking what: @autoclosure () -> String) throws -> Money {
        if let c = Money.integerProduct(cents, factor, rounding) { return Money(cents: c) }
        return try Money.rounding(decimalEuros * factor, rounding, checking: what())
    }

    /// Rounds a decimal euro amount to the cent (as `rounding(_:_:)`), or an error naming `what` when the
    /// cents do not fit in 64 bits (where `NSDecimalNumber.int64Value` would give a wrong number).
    public static func rounding(_ euros: Decimal, _ rounding: Rounding = .halfAwayFromZero,
                                checking what: @autoclosure () -> String) throws -> Money {
        guard let m = Money.exactRounding(euros, rounding) else { throw PruefstandError.amountOutOfRange(what()) }
        return m
    }

    /// The rounded cents, `nil` when they are not a finite number within the 64-bit range.
    static func exactRounding(_ euros: Decimal, _ rounding: Rounding) -> Money? {
        var failed = false
        let m = AmountCheck.catching({ failed = true }) { Money.rounding(euros, rounding) }
        return failed ? nil : m
    }

    static let int64MaxDecimal = Decimal(string: "9223372036854775807")!
    static let int64MinDecimal = Decimal(string: "-9223372036854775808")!
}

extension Sequence where Element == Money {
    /// The exact sum, or an error naming `what` when it leaves the 64-bit range. Partial sums may pass the
    /// range on the way (they wrap and are counted); only the final sum must fit.
    public func sum(checking what: @autoclosure () -> String) throws -> Money {
        var total = CentsTotal()
        for m in self { total.add(m.cents) }
        return try total.money(checking: what())
    }
}

/// A running sum of 64-bit cents that is exact whenever the final sum fits, however the partial sums run.
///
/// Additions wrap (two's complement) and count how often they passed the range upwards or downwards;
/// the wrapped value is the true sum exactly when those counts cancel. Cheap enough for hot loops
/// (one add and one flag test per value); check once at the end.
///
///     var t = CentsTotal()
///     for c in amounts { t.add(c) }
///     let total = try t.cents(checking: "Summe Ist 2025")
public struct CentsTotal: Sendable, Hashable {
    public private(set) var wrapped: Int64 = 0
    /// Passes of the upper bound minus passes of the lower bound.
    public private(set) var wraps: Int = 0

    public init() {}
    public init(_ cents: Int64) { wrapped = cents }

    @inline(__always)
    public mutating func add(_ c: Int64) {
        let (s, o) = wrapped.addingReportingOverflow(c)
        if o { wraps += c > 0 ? 1 : -1 }
        wrapped = s
    }

    @inline(__always)
    public mutating func add(_ other: CentsTotal) {
        add(other.wrapped)
        wraps += other.wraps
    }

    /// The sum when it fits.
    public var exact: Int64? { wraps == 0 ? wrapped : nil }

    public func cents(checking what: @autoclosure () -> String) throws -> Int64 {
        guard wraps == 0 else { throw PruefstandError.amountOutOfRange(what()) }
        return wrapped
    }

    public func money(checking what: @autoclosure () -> String) throws -> Money {
        Money(cents: try cents(checking: what()))
    }
}

/// Checked whole-number arithmetic on values that come from input (cents, years, months, counts).
///
/// Each operation is the standard library's `…ReportingOverflow` passed through `value(_:_:)`, the one place
/// that turns an overflow into the error naming `what` (inlined: these run once per posting on the import).
public enum Checked {
    /// The result of an arithmetic that reports overflow, or an error naming `what` when it overflowed.
    ///
    ///     let cents = try Checked.value(euros.multipliedReportingOverflow(by: 100), "Zeile 7, Betrag")
    @inline(__always)
    public static func value<T: FixedWidthInteger>(_ result: (partialValue: T, overflow: Bool),
                                                   _ what: @autoclosure () -> String) throws -> T {
        if result.overflow { throw PruefstandError.amountOutOfRange(what()) }
        return result.partialValue
    }

    @inline(__always)
    public static func add(_ a: Int64, _ b: Int64, _ what: @autoclosure () -> String) throws -> Int64 {
        try value(a.addingReportingOverflow(b), what())
    }

    /// `a += b` in place (no copy of the value that holds `a`), or an error naming `what`.
    @inline(__always)
    public static func add(into a: inout Int64, _ b: Int64, _ what: @autoclosure () -> String) throws {
        a = try value(a.addingReportingOverflow(b), what())
    }

    @inline(__always)
    public static func subtract(_ a: Int64, _ b: Int64, _ what: @autoclosure () -> String) throws -> Int64 {
        try value(a.subtractingReportingOverflow(b), what())
    }

    @inline(__always)
    public static func multiply(_ a: Int64, _ b: Int64, _ what: @autoclosure () -> String) throws -> Int64 {
        try value(a.multipliedReportingOverflow(by: b), what())
    }
}

extension PruefstandError {
    /// An amount or total that leaves the 64-bit range of cents (±92 trillion euros): the input is wrong
    /// (a unit, thousands, rows counted twice), so the message says what was being computed.
    public static func amountOutOfRange(_ what: String) -> PruefstandError {
        let english = "EUR ±" + String(Money(cents: .max).germanString.dropLast(2).map { $0 == "." ? "," : ($0 == "," ? "." : $0) })
        return .other(Phrase(
            de: "\(what): Betrag außerhalb des darstellbaren Bereichs (\(Money.representableRangeText), 64-Bit-Cent); "
                + "bitte die Eingangsdaten prüfen (Einheit, Tausender, doppelt importierte Dateien)",
            en: "\(what): amount outside the representable range (\(english), 64-bit cents); "
                + "check the input data (unit, thousands, files imported twice)"))
    }
}

/// A scope in which amounts that leave the 64-bit range are reported instead of trapping.
///
/// `Money`'s operators, `init(euros:)`, `rounding` and `multiplied(by:)` report an overflow to the innermost
/// scope of the current thread and go on with a saturated value; when the scope ends, it throws
/// `PruefstandError.amountOutOfRange` naming what was computed, so the saturated value never reaches a
/// result. Outside every scope an overflow is a programming error and traps. Every analysis (review,
/// plan/actual, audit, projection, scenarios) runs in a scope; `Concurrently.run` carries the caller's
/// scope to its tasks.
///
///     let result = try AmountCheck.run("Konsolidierungspfad ab 2026") { try model.project() }
public enum AmountCheck {
    final class Scope: @unchecked Sendable {
        private let lock = NSLock()
        private var _overflowed = false
        let onOverflow: (() -> Void)?
        init(onOverflow: (() -> Void)? = nil) { self.onOverflow = onOverflow }
        var overflowed: Bool { lock.lock(); defer { lock.unlock() }; return _overflowed }
        func report() {
            lock.lock(); _overflowed = true; lock.unlock()
            onOverflow?()
        }
    }

    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// The innermost scope of this thread.
    static var current: Scope? {
        pthread_getspecific(key).map { Unmanaged<Scope>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with `scope` as this thread's scope (the caller keeps `scope` alive).
    static func with<T>(_ scope: Scope?, _ body: () throws -> T) rethrows -> T {
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, scope.map { Unmanaged.passUnretained($0).toOpaque() })
        defer { pthread_setspecific(key, outer) }
        return try withExtendedLifetime(scope) { try body() }
    }

    /// Runs `body`; if an amount left the 64-bit range inside it, throws an error naming `what`.
    public static func run<T>(_ what: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        let scope = Scope()
        let result = try with(scope, body)
        if scope.overflowed { throw PruefstandError.amountOutOfRange(what()) }
        return result
    }

    /// Runs `body` and calls `overflow` for each amount that left the range (no error is thrown).
    static func catching<T>(_ overflow: @escaping () -> Void, _ body: () throws -> T) rethrows -> T {
        try with(Scope(onOverflow: overflow), body)
    }

    /// Runs `body` in the scope of the thread that made `scope` (for work handed to other threads).
    public static func inheriting<T>(_ scope: Token?, _ body: () throws -> T) rethrows -> T {
        try with(scope?.scope, body)
    }

    /// The current scope, to hand to work on other threads (`inheriting`).
    public struct Token: @unchecked Sendable { let scope: Scope }
    public static var token: Token? { current.map(Token.init) }

    /// The value of a reporting operation: the result, or on overflow a saturated value reported to the
    /// current scope (traps outside every scope).
    @inline(__always)
    static func result(_ r: (partialValue: Int64, overflow: Bool)) -> Int64 {
        if _slowPath(r.overflow) { return overflowed(r.partialValue) }
        return r.partialValue
    }

    @inline(never)
    static func overflowed(_ wrapped: Int64) -> Int64 {
        guard let scope = current else {
            preconditionFailure("amount out of the 64-bit range outside an AmountCheck scope")
        }
        scope.report()
        return wrapped < 0 ? Int64.max : Int64.min   // saturate (the wrapped sign is the opposite)
    }
}
