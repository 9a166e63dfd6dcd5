using System.Collections.Frozen;

namespace Baton.Domain.Quality;

/// <summary>The word lists the quality rules look values up in; all compared ignoring case, through span lookups.</summary>
/// <summary>The lists a word is on; one word may be on several ("by" opens a deadline and is a function word).</summary>
[Flags]
internal enum WordClass : uint
{
    None = 0,
    PlaceholderLead = 1 << 0,
    NothingLead = 1 << 1,
    ReferenceLead = 1 << 2,
    ReferenceAlways = 1 << 3,
    ReferenceSystem = 1 << 4,
    ReferenceTarget = 1 << 5,
    TimeUnit = 1 << 6,
    DeadlineMarker = 1 << 7,
    StrongDeadline = 1 << 8,
    Relative = 1 << 9,
    OrdinalLead = 1 << 10,
    Moment = 1 << 11,
    Rate = 1 << 12,
    NumberWord = 1 << 13,
    Month = 1 << 14,
    Milestone = 1 << 15,
    Generic = 1 << 16,
    DeferringLead = 1 << 17,
    EndOf = 1 << 18,
    DurationLead = 1 << 19,
    DoubtingLead = 1 << 20,
    WeakReferenceLead = 1 << 21,
    Process = 1 << 22,
}

/// <summary>The whole-value lists: placeholders anywhere, "nothing" answers, and words that are filler only in free text.</summary>
internal enum ValueClass { None, Filler, Nothing, TextOnlyFiller }

internal static class Vocabulary
{
    /// <summary>Whole values (normalized) that are placeholders in any field.</summary>
    private static readonly string[] FillerWords =
    [
        "n/a", "n / a", "n.a", "n. a", "na", "nan", "tbd", "t.b.d", "tba", "tbc", "tbd tbd", "tbd.", "to be determined",
        "to be confirmed", "to be decided", "not applicable", "not available", "not known", "see notes", "see note",
        "see above", "see below", "same as above", "as above", "ditto", "asdf", "asd", "xxx", "xx", "x", "test", "testing",
        "test test", "unknown", "unk", "unknown at this time", "unknown yet", "idk", "dunno", "i don't know", "don't know",
        "dont know", "not sure", "no idea", "pending", "todo", "to do", "null", "undefined", "placeholder", "filler",
        "dummy", "blah", "blah blah", "lorem ipsum", "foo", "abc", "qwerty", "later", "will update", "will update later",
        "update later", "fill in later", "will add later", "coming soon", "to follow", "tk", "asap", "ask ae", "ask me",
        "ask the ae", "ask rep", "ping me", "talk to me", "see crm", "see sfdc", "see salesforce", "see hubspot",
        "see opportunity", "see opp", "see deal", "see email", "see attached", "attached", "in notes", "notes",
        "check notes", "per notes", "info", "details", "various", "misc", "stuff", "whatever", "as discussed",
        "discussed on call", "see call notes", "in the notes", "will confirm", "confirming", "wip", "same", "ibid", "ok",
        "okay", "all", "everything", "lots", "many", "some", "maybe", "n/a n/a", "nothing yet", "not yet",
    ];

    /// <summary>Whole values that only mean "nothing": an answer where the field is explicit_none, filler elsewhere.</summary>
    private static readonly string[] NothingWords =
    [
        "none", "nothing", "nil", "nope", "none identified", "none known", "no risks", "no risk", "no known risks",
        "nothing to report", "none at this time", "none so far", "nothing so far", "nothing major", "none really",
        "no issues", "no concerns", "nothing really", "all good", "none noted", "not really", "not really any",
        "nothing comes to mind", "none that we know of", "none at the moment", "nothing yet", "not much", "not many",
        "no",
    ];

    /// <summary>First words that announce "nothing" where a why or risk is asked for ("None that we know of").</summary>
    private static readonly string[] NothingLeadWords =
    [
        "none", "nothing", "nil", "nope", "nada",
    ];

    /// <summary>Whole values that are filler only where free text is expected (they are valid booleans, say).</summary>
    private static readonly string[] TextOnlyFillerWords =
    [
        "yes", "y", "n", "good", "fine", "done", "true", "false", "0", "1",
    ];

    /// <summary>A first word that marks the rest of the value as a note to self ("TBD - will confirm w/ champion").</summary>
    private static readonly string[] PlaceholderLeadWords =
    [
        "tbd", "t.b.d", "tba", "tbc", "n/a", "todo", "idk", "wip", "pending", "waiting", "awaiting", "placeholder",
        "asdf", "xxx", "tk", "unknown", "unclear",
    ];

    /// <summary>Multi-word openings that defer the answer to later or to someone else.</summary>
    public static readonly string[] DeferringOpenings =
    [
        "to be determined", "to be confirmed", "to be decided", "will confirm", "will update", "will add", "will fill",
        "will follow up", "will get back", "need to confirm", "need to check", "needs to be confirmed",
        "check with", "ask ", "not discussed", "haven't asked", "didn't ask", "did not ask", "n/a ", "n/a-", "same as ", "will send",
        "will share", "will provide", "will circle back", "will let you know", "will know", "to be added",
    ];

    /// <summary>Openings of doubt: filler on their own ("not sure yet"), a real risk when a sentence follows.</summary>
    public static readonly string[] DoubtingOpenings =
    [
        "not sure", "don't know", "dont know", "no idea", "not known yet", "not yet known", "unknown at this",
    ];

    /// <summary>Verbs that point elsewhere instead of answering ("see deal notes", "refer to email thread").</summary>
    private static readonly string[] ReferenceLeadWords =
    [
        "see", "refer", "ref", "check", "cf", "look", "pls", "please", "details", "info", "notes", "copied", "copy",
        "pasted",
    ];

    /// <summary>Prepositions that point elsewhere only in a very short value ("in the notes", "per AE notes").</summary>
    private static readonly string[] WeakReferenceLeadWords =
    [
        "in", "per", "as",
    ];

    /// <summary>Openings that point elsewhere whatever follows ("see MSA", "see Gong").</summary>
    private static readonly string[] ReferenceAlwaysWords =
    [
        "see", "refer", "cf", "ref",
    ];

    /// <summary>Systems an answer is deferred to; only after leads that cannot start a real list ("check", "info").</summary>
    private static readonly string[] ReferenceSystemWords =
    [
        "crm", "sfdc", "salesforce", "hubspot", "gong", "chorus", "slack", "notion", "confluence", "drive", "sharepoint",
    ];

    /// <summary>Places an answer is deferred to.</summary>
    private static readonly string[] ReferenceTargetWords =
    [
        "notes", "note", "above", "below", "attached", "attachment", "attachments", "email", "emails", "e-mail", "thread",
        "doc", "docs", "document", "record", "opp", "opportunity", "deal",
        "recording", "recordings", "call", "calls", "chatter", "description", "field", "tab", "link",
        "deck", "discussed", "transcript", "activity", "timeline", "comments", "comment", "drive", "folder", "sheet",
    ];

    /// <summary>Time units after a number ("in 6 months", "90 days after go-live"), in the languages teams write in.</summary>
    private static readonly string[] TimeUnitWords =
    [
        "day", "days", "week", "weeks", "wk", "wks", "month", "months", "mo", "mos", "quarter", "quarters", "year", "years",
        "yr", "yrs", "business", "días", "dias", "día", "semana", "semanas", "mes", "meses", "año", "años", "trimestre",
        "trimestres", "tag", "tage", "tagen", "woche", "wochen", "monat", "monate", "monaten", "quartal", "jahr", "jahre",
        "jahren", "jour", "jours", "semaine", "semaines", "mois", "an", "ans", "année", "années", "dag", "dagen", "maanden",
        "anos", "giorni", "settimane", "mesi", "anni", "weken", "maand", "jaar",
    ];

    /// <summary>Words that open a deadline when a time anchor follows: "within 90 days", "before the audit", "bis Ende Januar".</summary>
    private static readonly string[] DeadlineMarkerWords =
    [
        "within", "through", "thru", "inside", "under", "dentro", "by", "at", "am", "zum", "para", "pour", "en", "in",
        "over", "during", "durante", "lors",
        "em", "nel", "nei", "binnen",
    ];

    /// <summary>Words that are a deadline whatever follows: "before the board meeting", "antes de la auditoría", "bis Ende Januar".</summary>
    private static readonly string[] StrongDeadlineWords =
    [
        "before", "until", "till", "antes", "hasta", "bis", "avant", "d'ici", "jusqu'à", "jusqu'au", "innerhalb",
        "binnen", "spätestens", "prior", "ahead", "deadline",
        "até", "entro", "prima", "uiterlijk", "voor",
    ];

    /// <summary>Words after "N days" that anchor it to an event: "90 days after go-live", "60 días tras el lanzamiento".</summary>
    private static readonly string[] RelativeWords =
    [
        "after", "of", "from", "post", "following", "into", "since", "nach", "tras", "después", "après", "de", "del",
        "ab", "seit", "desde", "dès", "out", "di",
    ];

    /// <summary>Words before a time unit that make it a period: "first year", "next quarter", "ersten 90 Tage".</summary>
    private static readonly string[] OrdinalLeadWords =
    [
        "first", "next", "this", "coming", "ersten", "nächsten", "primeros", "primer", "próximos", "próximo", "premiers",
        "prochains", "premier", "prochain", "end-of", "mid",
    ];

    /// <summary>Words that, right after "by", "before" or "until", name a moment rather than an amount.</summary>
    private static readonly string[] MomentWords =
    [
        "end", "eoy", "eoq", "eom", "eow", "year-end", "yearend", "quarter-end", "month-end", "renewal", "go-live", "golive",
        "launch", "kickoff", "kick-off", "cutover", "cut-over", "audit", "deadline", "season", "holidays", "holiday",
        "summer", "spring", "fall", "autumn", "winter", "christmas", "then", "mid-year", "midyear", "day", "week",
        "month", "quarter", "year", "fiscal", "fy", "next", "this", "ende", "fin", "finales", "fecha", "cierre",
        "go", "onboarding", "rollout", "migration", "contract", "expiry", "expiration", "peak", "tomorrow", "monday",
        "tuesday", "wednesday", "thursday", "friday", "weekend", "board", "ipo", "series", "close",
    ];

    /// <summary>Words that make a following time unit a rate, not a time frame ("10 hours per month").</summary>
    private static readonly string[] RateWords =
    [
        "per", "a", "an", "each", "every", "pro", "por", "par", "al", "im", "cada", "jede", "jeden", "chaque",
    ];

    /// <summary>Numbers written as words, in English and the languages customers reply in.</summary>
    private static readonly string[] NumberWordWords =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
        "million", "half", "halve", "halved", "halving", "double", "doubled", "doubling", "triple", "tripled",
        "tripling", "twice", "dozen", "tenfold", "percent", "dos", "tres", "cuatro", "cinco", "seis", "diez", "veinte",
        "cien", "mitad", "doble", "duplicar", "zwei", "drei", "vier", "fünf", "zehn", "zwanzig", "hundert", "hälfte",
        "halbieren", "verdoppeln", "doppelt", "deux", "trois", "quatre", "cinq", "dix", "vingt", "cent", "moitié",
        "doubler",
    ];

    /// <summary>Months, full and abbreviated, in English, Spanish, German, French.</summary>
    private static readonly string[] MonthWords =
    [
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "enero",
        "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
        "diciembre", "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "janvier", "février",
        "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        "janeiro", "fevereiro", "março", "maio", "junho", "julho", "setembro", "outubro", "dezembro", "gennaio",
        "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "januari", "februari",
        "maart", "mei", "augustus",
    ];

    /// <summary>Outcomes whose number is the deadline itself ("live in 6 weeks", "migrated off Zendesk by Jan 31").</summary>
    private static readonly string[] MilestoneWords =
    [
        "live", "go-live", "golive", "launch", "launched", "deployed", "rolled", "rollout", "onboarded", "migrated",
        "migration", "cutover", "retire", "retired", "decommissioned", "sunset", "replaced", "signed", "certified",
        "trained", "implemented", "completed", "complete", "operativo", "abgelöst", "migriert", "lancé", "déployé",
    ];

    /// <summary>Words that carry no information about this customer: "wanted better analytics", "growth", "they liked the demo".</summary>
    private static readonly string[] GenericWords =
    [
        // function words
        "a", "an", "the", "and", "or", "of", "to", "for", "with", "in", "on", "at", "by", "from", "they", "them", "their",
        "we", "our", "us", "it", "its", "it's", "is", "are", "was", "were", "be", "been", "being", "this", "that", "these",
        "those", "more", "most", "very", "really", "just", "also", "some", "much", "many", "lot", "lots", "all", "any",
        "overall", "general", "etc", "so", "as", "than", "then", "too", "not", "no", "into", "about", "over", "up", "out",
        "because", "due", "there", "here", "what", "which", "who", "how", "why", "when", "i", "you", "he", "she", "his",
        "her", "my", "your", "have", "has", "had", "would", "could", "should", "might", "may", "will", "can", "do", "did",
        "does", "get", "got", "getting", "make", "made", "making", "like", "liked", "likes", "want", "wanted", "wants",
        "need", "needed", "needs", "looking", "look", "felt", "feel", "think", "thought", "seemed", "seems", "other",
        "such", "well", "way", "ways", "thing", "things", "something", "everything", "anything", "stuff", "other",
        "same", "usual", "typical", "standard", "normal", "general", "generally", "potential", "potentially",
        "possible", "possibly", "some", "maybe", "perhaps", "bit", "little", "big", "major", "minor", "key", "main",
        "across", "around", "via", "per", "vs", "both", "each", "own", "able", "ability", "if", "which", "while",
        // praise and comparison
        "good", "great", "better", "best", "nice", "strong", "stronger", "easy", "easier", "easiest", "ease", "simple",
        "simpler", "fast", "faster", "quick", "quicker", "modern", "new", "newer", "old", "older", "outdated", "legacy",
        "current", "existing", "right", "fit", "fits", "fitting", "perfect", "excellent", "awesome", "amazing",
        "impressive", "impressed", "love", "loved", "happy", "excited", "clear", "clearly", "high", "higher", "low",
        "lower", "poor", "slow", "slower", "bad", "hard", "difficult", "robust", "powerful", "flexible", "flexibility",
        "intuitive", "friendly", "competitive", "cheaper", "affordable", "overall", "superior", "innovative", "leading",
        "top", "ideal", "solid", "real", "true", "full", "fully", "whole", "lack", "lacking", "limited", "enough",
        "manual", "overall",
        // vague business nouns
        "efficiency", "efficient", "gains", "gain", "forecasting", "forecast", "forecasts", "pipeline", "dashboards",
        "dashboard", "inefficiency", "inefficiencies", "growth", "grow", "growing", "revenue", "analytics",
        "tool", "tools", "tooling", "platform", "platforms", "solution", "solutions", "system", "systems", "software",
        "product", "products", "visibility", "insight", "insights", "productivity", "process", "processes", "scale",
        "scaling", "scalability", "scalable", "value", "roi", "cost", "costs", "savings", "money", "time", "features",
        "feature", "functionality", "functionalities", "capabilities", "capability", "price", "pricing", "relationship",
        "relationships", "trust", "team", "teams", "business", "businesses", "company", "organization", "org",
        "strategic", "strategy", "digital", "transformation", "data", "reporting", "reports", "report", "workflow",
        "workflows", "automation", "customer", "customers", "experience", "support", "budget", "budgets", "timing",
        "priority", "priorities", "initiative", "initiatives", "change", "changes", "adoption", "risk", "risks",
        "issue", "issues", "problem", "problems", "concern", "concerns", "challenge", "challenges", "needs",
        "requirements", "demo", "demos", "presentation", "pitch", "vendor", "vendors", "partner", "partnership",
        "competition", "competitor", "competitors", "market", "industry", "leadership", "management", "stakeholders",
        "stakeholder", "buy-in", "politics", "political", "internal", "resources", "resource", "resourcing",
        "bandwidth", "capacity", "staffing", "integration", "integrations", "onboarding", "implementation", "training",
        "security", "compliance", "quality", "performance", "results", "outcomes", "success", "goals", "goal",
        "objectives", "metrics", "kpis", "numbers", "sales", "marketing", "ops", "operations", "champion", "users",
        "user", "usage", "engagement", "churn", "retention", "delays", "delay", "delayed", "timeline", "timelines",
        "rollout", "project", "projects", "level", "levels", "area", "areas", "side", "part", "aspects", "overall",
        "opportunity", "opportunities", "situation", "environment", "space", "journey", "alignment", "aligned",
        "collaboration", "communication", "transparency", "control", "consistency", "accuracy", "reliability",
        "speed", "agility", "innovation", "competitive", "advantage", "edge", "fit", "needs", "option", "options",
        "choice", "decision", "solution", "offering", "package", "deal", "contract", "terms", "service", "services",
        "expertise", "team's", "company's", "customer's", "reasons", "reason", "future", "today", "now", "soon",
        "time-saving", "workload", "work", "tasks", "task", "effort", "efforts", "things", "productive",
        // vague verbs
        "improve", "improved", "improving", "improvement", "improvements", "increase", "increased", "increasing",
        "reduce", "reduced", "reducing", "boost", "enable", "enabled", "enabling", "help", "helps", "helped", "helping",
        "drive", "driving", "achieve", "deliver", "delivering", "focus", "focused", "move", "moving", "switch",
        "switching", "replace", "replacing", "consolidate", "consolidating", "upgrade", "upgrading", "expand",
        "expanding", "align", "streamline", "streamlining", "optimize", "optimizing", "optimise", "modernize",
        "modernise", "modernizing", "automate", "automating", "save", "saving", "use", "using", "used", "leverage",
        "leveraging", "win", "won", "chose", "choose", "picked", "selected", "went", "decided", "bought", "buy",
        "buying", "purchase", "purchased", "evaluate", "evaluated", "compare", "compared", "offer", "offered", "gave",
        "give", "provide", "provides", "provided", "solve", "solving", "address", "manage", "managing", "track",
        "tracking", "understand", "see", "know", "go", "going", "come", "keep", "stay", "start", "started", "adopt",
        "adopting", "fail", "failing", "struggle", "struggling", "slip", "slipping", "churning", "lose", "losing",
        "unclear", "uncertain", "worried", "worry", "worries", "hesitant", "concerned", "skeptical", "pushback",
        "pain", "pains", "points", "approved", "available", "person", "people", "roadmap", "vision", "responsiveness",
        "responsive", "pushed", "push", "cheapest", "cheap", "service", "tell", "told", "said", "says", "we're",
        "they're", "we've", "they've", "didn't", "don't", "doesn't", "wasn't", "isn't", "can't", "couldn't", "won't",
        "ready", "organized", "organised", "sure", "stack", "saas", "typical", "resistance", "kickoff", "cs", "csm", "csms", "value", "quickly", "retention",
    ];

    /// <summary>Row and column of each letter a-z on a QWERTY keyboard, for telling "asdf" and "qwerty" from words.</summary>
    private static readonly (sbyte Row, sbyte Column)[] KeyPosition = KeyPositions("qwertyuiop", "asdfghjkl", "zxcvbnm");

    private static (sbyte, sbyte)[] KeyPositions(params string[] rows)
    {
        var positions = new (sbyte, sbyte)[26];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                positions[rows[r][c] - 'a'] = ((sbyte)r, (sbyte)c);
        return positions;
    }

    /// <summary>True when every letter of a single word sits next to the previous one on a keyboard row, or repeats it.</summary>
    public static bool IsKeyboardMash(ReadOnlySpan<char> word)
    {
        if (word.Length < 4) return false;
        // At most a quarter of the steps may leave the neighbourhood; stop as soon as more have.
        var allowedJumps = (word.Length - 1) / 4;
        for (var i = 1; i < word.Length; i++)
        {
            char a = (char)(word[i - 1] | 0x20), b = (char)(word[i] | 0x20);
            if (!char.IsAsciiLetterLower(a) || !char.IsAsciiLetterLower(b)) return false;
            var (pa, pb) = (KeyPosition[a - 'a'], KeyPosition[b - 'a']);
            var near = a == b || (pa.Row == pb.Row && Math.Abs(pa.Column - pb.Column) == 1);
            if (!near && --allowedJumps < 0) return false;
        }
        return true;
    }

    private const int MaxWordLength = 24;
    private static readonly FrozenDictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> ByWord = BuildWords();
    private static readonly FrozenDictionary<string, ValueClass>.AlternateLookup<ReadOnlySpan<char>> ByValue = BuildValues();

    /// <summary>Every list the word is on, from one hash lookup: the rules ask several questions of each word.</summary>
    /// <remarks>Lower-cases into a stack buffer and looks up ordinally: cheaper than an ignore-case hash per word.</remarks>
    public static WordClass Classify(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > MaxWordLength) return WordClass.None;
        Span<char> lower = stackalloc char[MaxWordLength];
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            lower[i] = c < 128 ? (char)(char.IsAsciiLetterUpper(c) ? c | 0x20 : c) : char.ToLowerInvariant(c);
        }
        return ByWord.TryGetValue(lower[..word.Length], out var cls) ? cls : WordClass.None;
    }

    /// <summary>Which whole-value list a normalized value is on, if any.</summary>
    public static ValueClass ClassifyValue(ReadOnlySpan<char> normalized) =>
        !normalized.IsEmpty && ByValue.TryGetValue(normalized, out var c) ? c : ValueClass.None;

    private static FrozenDictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> BuildWords()
    {
        var words = new Dictionary<string, WordClass>(StringComparer.Ordinal);
        void Add(WordClass c, string[] list)
        {
            foreach (var w in list.Select(w => w.ToLowerInvariant()).Where(w => w.Length <= MaxWordLength))
                words[w] = words.GetValueOrDefault(w) | c;
        }
        Add(WordClass.PlaceholderLead, PlaceholderLeadWords);
        Add(WordClass.NothingLead, NothingLeadWords);
        Add(WordClass.ReferenceLead, ReferenceLeadWords);
        Add(WordClass.ReferenceAlways, ReferenceAlwaysWords);
        Add(WordClass.WeakReferenceLead, WeakReferenceLeadWords);
        Add(WordClass.ReferenceSystem, ReferenceSystemWords);
        Add(WordClass.ReferenceTarget, ReferenceTargetWords);
        Add(WordClass.TimeUnit, TimeUnitWords);
        Add(WordClass.DeadlineMarker, DeadlineMarkerWords);
        Add(WordClass.StrongDeadline, StrongDeadlineWords);
        Add(WordClass.Relative, RelativeWords);
        Add(WordClass.OrdinalLead, OrdinalLeadWords);
        Add(WordClass.Moment, MomentWords);
        Add(WordClass.Rate, RateWords);
        Add(WordClass.NumberWord, NumberWordWords);
        Add(WordClass.Month, MonthWords);
        Add(WordClass.Milestone, MilestoneWords);
        Add(WordClass.Generic, GenericWords);
        Add(WordClass.DeferringLead, DeferringOpenings.Select(o => o.Split(' ', '-')[0]).Distinct().ToArray());
        Add(WordClass.DoubtingLead, DoubtingOpenings.Select(o => o.Split(' ')[0]).Distinct().ToArray());
        Add(WordClass.EndOf, ["end", "ende", "fin", "fine"]);
        Add(WordClass.Process, ["onboarding", "onboard", "onboarded", "implementation", "implemented", "deployment",
            "setup", "activation", "activated", "rollout", "migration", "adoption-ready", "einführung", "implementación"]);
        Add(WordClass.DurationLead, ["time", "time-to-value", "time-to-live", "time-to-launch", "time-to-first-value"]);
        return words.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static FrozenDictionary<string, ValueClass>.AlternateLookup<ReadOnlySpan<char>> BuildValues()
    {
        var values = new Dictionary<string, ValueClass>(StringComparer.Ordinal);
        foreach (var v in FillerWords) values[v] = ValueClass.Filler;
        foreach (var v in NothingWords) values.TryAdd(v, ValueClass.Nothing);
        foreach (var v in TextOnlyFillerWords) values.TryAdd(v, ValueClass.TextOnlyFiller);
        // Normalized values are lower case already, so ordinal comparison is enough and cheaper.
        return values.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
