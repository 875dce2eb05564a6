import Foundation

/// The `gfg.` parameter keys (`Parameters/nrw/gfg.yaml`): the NRW fiscal equalisation's fictive Hebesätze, which the
/// Gewerbesteuer and the Grundsteuer B models value their Steuerkraft at, and the Gewerbesteuer's equalisation.
///
/// Legal basis: GFG NRW (fictive Hebesätze by kreisfreie Städte and kreisangehörige Gemeinden, Ausgleichsquote).
public enum GFGKey: String, ParameterKey {
    public static let namespace = "gfg"
    case fiktiverHebesatzGewerbesteuerKreisfrei = "fiktiver_hebesatz_gewerbesteuer_kreisfrei"
    case fiktiverHebesatzGewerbesteuerKreisangehoerig = "fiktiver_hebesatz_gewerbesteuer_kreisangehoerig"
    case fiktiverHebesatzGrundsteuerBKreisfrei = "fiktiver_hebesatz_grundsteuer_b_kreisfrei"
    case fiktiverHebesatzGrundsteuerBKreisangehoerig = "fiktiver_hebesatz_grundsteuer_b_kreisangehoerig"
    case ausgleichsquote, anteilVorjahr = "anteil_vorjahr"

    public var unit: ParameterUnit { self == .ausgleichsquote || self == .anteilVorjahr ? .share : .percent }

    /// The fictive Gewerbesteuer Hebesatz of a kreisfreie Stadt or a kreisangehörige Gemeinde (`CityData.kreisfrei`).
    public static func fiktiverHebesatzGewerbesteuer(kreisfrei: Bool) -> GFGKey {
        kreisfrei ? .fiktiverHebesatzGewerbesteuerKreisfrei : .fiktiverHebesatzGewerbesteuerKreisangehoerig
    }
    /// The fictive Grundsteuer B Hebesatz of a kreisfreie Stadt or a kreisangehörige Gemeinde.
    public static func fiktiverHebesatzGrundsteuerB(kreisfrei: Bool) -> GFGKey {
        kreisfrei ? .fiktiverHebesatzGrundsteuerBKreisfrei : .fiktiverHebesatzGrundsteuerBKreisangehoerig
    }

    /// The keys the Gewerbesteuer model reads: its fictive rates and the equalisation (quota, reference period).
    static let gewerbesteuer: [GFGKey] = [.fiktiverHebesatzGewerbesteuerKreisfrei, .fiktiverHebesatzGewerbesteuerKreisangehoerig,
                                          .ausgleichsquote, .anteilVorjahr]
    /// The keys the Grundsteuer B model reads: its fictive rates.
    static let grundsteuerB: [GFGKey] = [.fiktiverHebesatzGrundsteuerBKreisfrei, .fiktiverHebesatzGrundsteuerBKreisangehoerig]
}

/// The federal tax keys the models read for a business's net burden (`Parameters/nrw/gewerbesteuer.yaml`), one key
/// each of three namespaces, so each raw value is the whole key.
///
/// Legal basis: § 35 EStG (credit factor), § 23 Abs. 1 KStG (Körperschaftsteuersatz), § 4 SolZG (Soli).
public enum FederalTaxKey: String, ParameterKey {
    public static let namespace = ""
    case anrechnungsfaktor35 = "einkommensteuer.anrechnungsfaktor_35"
    case koerperschaftsteuersatz = "koerperschaftsteuer.satz"
    case solidaritaetszuschlagsatz = "solidaritaetszuschlag.satz"

    public var unit: ParameterUnit { self == .anrechnungsfaktor35 ? .factor : .percent }
}
