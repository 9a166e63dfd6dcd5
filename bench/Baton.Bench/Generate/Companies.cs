namespace Baton.Bench.Generate;

/// <summary>An invented customer: display name and the e-mail domain its people write from.</summary>
internal sealed record Company(string Name, string Domain);

internal static class Companies
{
    private static readonly string[] Stems =
    [
        "Northwind", "Bluepeak", "Harborview", "Cedarline", "Ironbridge", "Lakeshore", "Brightwater", "Redwood",
        "Summit Ridge", "Kestrel", "Granite", "Silverleaf", "Pinecrest", "Tidewater", "Foxglove", "Meridian",
        "Halcyon", "Quarry", "Copperfield", "Westbrook", "Larkspur", "Evergreen", "Stonegate", "Bramble",
        "Orchard", "Clearpath", "Trailhead", "Driftwood", "Ashford", "Beacon", "Canopy", "Juniper",
        "Keystone", "Lighthouse", "Maplewood", "Northstar", "Oakridge", "Paloma", "Riverbend", "Sable",
        "Tamarack", "Upland", "Vantage", "Willowby", "Zephyr", "Alder", "Birchwood", "Cobalt",
        "Dovetail", "Ember", "Fairhaven", "Glacier", "Hollis", "Indigo", "Jasper", "Kinsley",
        "Marlow", "Nimbus", "Osprey", "Pembrook", "Quillon", "Rookwood", "Solstice", "Thornbury",
        "Verity", "Wrenfield", "Arden", "Bellhaven", "Crestline", "Dunmore",
    ];

    private static readonly string[] Trades =
    [
        "Logistics", "Health", "Analytics", "Software", "Labs", "Financial", "Manufacturing", "Foods",
        "Energy", "Partners", "Robotics", "Biosciences", "Insurance", "Retail", "Media", "Freight",
        "Dental Group", "Learning", "Security", "Payments", "Hospitality", "Construction", "Legal", "Realty",
        "Telecom", "Clinics", "Capital", "Outdoor", "Staffing", "Pharma",
    ];

    private static readonly string[] Tlds = [".com", ".com", ".com", ".io", ".co", ".net"];

    /// <summary>Every stem crossed with a few trades, some with a legal suffix, shuffled by the seed.</summary>
    public static Company[] Build(Random rng)
    {
        var list = new List<Company>(Stems.Length * 6);
        foreach (var stem in Stems)
        {
            for (var k = 0; k < 6; k++)
            {
                var trade = Trades[rng.Next(Trades.Length)];
                var legal = rng.Next(20) switch
                {
                    0 => ", Inc.",
                    1 => " LLC",
                    2 => " GmbH",
                    3 => " Ltd",
                    _ => "",
                };
                var name = stem + " " + trade + legal;
                var domainStem = stem.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
                var domainTrade = trade.Split(' ')[0].ToLowerInvariant();
                var domain = rng.Next(4) != 0
                    ? domainStem + Tlds[rng.Next(Tlds.Length)]
                    : domainStem + domainTrade + Tlds[rng.Next(Tlds.Length)];
                list.Add(new Company(name, domain));
            }
        }
        var arr = list.ToArray();
        rng.Shuffle(arr);
        return arr;
    }
}
