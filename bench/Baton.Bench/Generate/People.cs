namespace Baton.Bench.Generate;

/// <summary>How carefully an account executive fills the handoff fields.</summary>
/// <param name="Blank">Chance a due field is left empty.</param>
/// <param name="Filler">Chance a due field holds a gate-clearing placeholder ("n/a", "tbd").</param>
/// <param name="Vague">Chance a due field holds something true but useless ("improve efficiency").</param>
/// <param name="Early">Chance a field not yet due is already filled in.</param>
internal sealed record Habit(string Name, double Blank, double Filler, double Vague, double Early)
{
    public static readonly Habit Diligent = new("diligent", 0.03, 0.01, 0.04, 0.12);
    public static readonly Habit Solid = new("solid", 0.11, 0.04, 0.09, 0.06);
    public static readonly Habit Average = new("average", 0.27, 0.08, 0.13, 0.03);
    public static readonly Habit Sloppy = new("sloppy", 0.46, 0.17, 0.18, 0.01);
}

internal enum SegmentFocus { Smb, MidMarket, Enterprise }

/// <summary>One account executive: who they are, what they sell, and how they fill fields in.</summary>
/// <param name="Weight">Relative number of deals this AE carries (SMB reps run more, smaller deals).</param>
internal sealed record AccountExecutive(string Name, string Territory, SegmentFocus Focus, Habit Habit, double Weight);

internal static class People
{
    /// <summary>The sales team: 10 SMB, 9 Mid-Market and 6 Enterprise reps across five territories.</summary>
    public static readonly AccountExecutive[] Team =
    [
        new("Jordan Whitaker", "NA East", SegmentFocus.Smb, Habit.Solid, 1.7),
        new("Priya Nandakumar", "NA East", SegmentFocus.Smb, Habit.Diligent, 1.5),
        new("Tyler Brennan", "NA Central", SegmentFocus.Smb, Habit.Sloppy, 1.9),
        new("Sofia Marquez", "NA West", SegmentFocus.Smb, Habit.Average, 1.6),
        new("Kevin Osei", "NA Central", SegmentFocus.Smb, Habit.Solid, 1.5),
        new("Hannah Lindqvist", "EMEA", SegmentFocus.Smb, Habit.Diligent, 1.4),
        new("Marcus Delgado", "NA West", SegmentFocus.Smb, Habit.Sloppy, 1.8),
        new("Aisha Rahman", "EMEA", SegmentFocus.Smb, Habit.Average, 1.5),
        new("Connor Walsh", "NA East", SegmentFocus.Smb, Habit.Average, 1.6),
        new("Mei Tanaka", "APAC", SegmentFocus.Smb, Habit.Solid, 1.3),
        new("Rachel Goldberg", "NA East", SegmentFocus.MidMarket, Habit.Diligent, 1.0),
        new("Daniel Okafor", "NA Central", SegmentFocus.MidMarket, Habit.Solid, 1.1),
        new("Lauren Mitchell", "NA West", SegmentFocus.MidMarket, Habit.Sloppy, 1.2),
        new("Arjun Mehta", "APAC", SegmentFocus.MidMarket, Habit.Solid, 0.9),
        new("Brianna Foster", "NA East", SegmentFocus.MidMarket, Habit.Average, 1.0),
        new("Lucas Ferreira", "EMEA", SegmentFocus.MidMarket, Habit.Solid, 1.0),
        new("Emily Chen", "NA West", SegmentFocus.MidMarket, Habit.Diligent, 0.9),
        new("Nate Sullivan", "NA Central", SegmentFocus.MidMarket, Habit.Sloppy, 1.1),
        new("Olivia Brooks", "EMEA", SegmentFocus.MidMarket, Habit.Average, 1.0),
        new("Victoria Hale", "NA East", SegmentFocus.Enterprise, Habit.Diligent, 0.5),
        new("Samuel Adeyemi", "EMEA", SegmentFocus.Enterprise, Habit.Solid, 0.5),
        new("Catherine Moreau", "EMEA", SegmentFocus.Enterprise, Habit.Solid, 0.45),
        new("James Kowalski", "NA Central", SegmentFocus.Enterprise, Habit.Sloppy, 0.55),
        new("Natalia Petrova", "NA West", SegmentFocus.Enterprise, Habit.Average, 0.5),
        new("Greg Thornton", "APAC", SegmentFocus.Enterprise, Habit.Average, 0.45),
    ];

    public static readonly string[] FirstNames =
    [
        "Priya", "Marcus", "Dana", "Tom", "Elena", "Raj", "Grace", "Owen", "Fatima", "Lena",
        "Carlos", "Jenna", "Mike", "Ingrid", "Yusuf", "Claire", "Ben", "Sara", "Diego", "Anika",
        "Paul", "Keisha", "Stefan", "Nora", "Hiro", "Maya", "Alex", "Rebecca", "Omar", "Julia",
        "Ethan", "Chloe", "Tariq", "Helen", "Ivan", "Zoe", "Andre", "Beth", "Kofi", "Linnea",
        "Sam", "Monica", "Felix", "Rosa", "Dev", "Amelia", "Liam", "Tessa", "Nikhil", "Wendy",
    ];

    public static readonly string[] LastNames =
    [
        "Raman", "Lee", "Fisher", "Novak", "Gupta", "Okonkwo", "Sato", "Bauer", "Haddad", "Olsen",
        "Rivera", "Park", "Doyle", "Jensen", "Demir", "Dubois", "Carter", "Ahmed", "Castillo", "Iyer",
        "Schmidt", "Williams", "Kruger", "Hughes", "Nakamura", "Patel", "Morgan", "Stein", "Farouk", "Costa",
        "Brennan", "Laurent", "Mensah", "Quinn", "Sokolov", "Hart", "Lindgren", "Bose", "Ward", "Yamada",
        "Murphy", "Eriksen", "Abbott", "Romero", "Kapoor", "Walsh", "Greene", "Vogel", "Tran", "Hoffman",
    ];

    /// <summary>Job titles written instead of a name and e-mail by reps in a hurry.</summary>
    public static readonly string[] TitlesOnly =
    [
        "CFO", "VP Ops", "their CTO", "Head of Support", "the COO", "IT director", "VP Sales", "Director of CS",
    ];
}
