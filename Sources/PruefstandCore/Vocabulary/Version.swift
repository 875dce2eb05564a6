/// The engine version written into every import record and report audit trail.
public enum Engine {
    public static let version = "0.1.0"
}
