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
    VendorGeneric = 1 << 23,
    CommitmentGeneric = 1 << 24,
    TermsGeneric = 1 << 25,
    Negation = 1 << 26,
    StandardPaper = 1 << 27,
    NotesPlace = 1 << 28,
    Product = 1 << 29,
    StandIn = 1 << 30,
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
        "okay", "all", "everything", "lots", "many", "some", "maybe", "n/a n/a", "nothing yet", "not yet", "blank",
        "empty", "ask", "tbd tbd tbd", "to be defined", "s/o", "s.o",
        // German, Spanish, French, Portuguese, Italian, Dutch: "not specified", "to be defined", "don't know", "see notes"
        "k.a", "k. a", "ka", "keine angabe", "offen", "unbekannt", "unklar", "weiß nicht", "keine ahnung", "noch offen",
        "folgt", "kommt noch", "siehe notizen", "siehe oben", "siehe unten", "siehe crm", "siehe anhang", "tbd.",
        "por definir", "por confirmar", "a definir", "a confirmar", "pendiente", "pendente", "no sé", "no se", "ni idea",
        "ver notas", "ver arriba", "ver crm", "sin datos", "desconocido", "à définir", "a définir", "à confirmer",
        "à voir", "à compléter", "je ne sais pas", "aucune idée", "inconnu", "voir notes", "voir ci-dessus", "voir crm",
        "não sei", "desconhecido", "ver acima", "em aberto", "da definire", "da confermare", "da vedere", "non so",
        "non lo so", "vedi note", "vedi sopra", "n.d", "nd", "n.p", "sconosciuto", "nvt", "n.v.t", "n.t.b", "ntb",
        "n.n.b", "nnb", "nog te bepalen", "nog checken", "nog navragen", "weet ik niet", "geen idee", "onbekend",
        "zie notities", "zie boven", "zie crm",
        "n.b", "à venir", "à compléter", "a completar", "por completar", "da completare", "nog invullen", "in afwachting",
        "nog onbekend", "noch unklar", "noch nicht bekannt", "wird nachgereicht", "folgt noch", "idem", "ídem", "dito",
        "wie oben", "igual", "même chose", "come sopra", "o mesmo", "zelfde", "hetzelfde",
        // Japanese and Chinese: "undecided", "unknown", "checking", "see notes"
        "未定", "待定", "不明", "不清楚", "不知道", "未確認", "確認中", "調整中", "検討中", "わからない", "分からない", "暂无",
        "待补充", "待确认", "未知", "备注", "見てください", "参照", "同上", "未記入", "記入予定", "要確認", "後日", "後日記入", "確認待ち",
        "调整中", "确认中", "稍后补充", "暂定", "同前", "不详", "不詳",
    ];

    /// <summary>Whole values that only mean "nothing": an answer where the field is explicit_none, filler elsewhere.</summary>
    private static readonly string[] NothingWords =
    [
        "none", "nothing", "nil", "nope", "none identified", "none known", "no risks", "no risk", "no known risks",
        "nothing to report", "none at this time", "none so far", "nothing so far", "nothing major", "none really",
        "no issues", "no concerns", "nothing really", "all good", "none noted", "not really", "not really any",
        "nothing comes to mind", "none that we know of", "none at the moment", "nothing yet", "not much", "not many",
        "no", "keine", "kein", "keiner", "nichts", "ninguno", "ninguna", "nada", "aucun", "aucune", "rien", "nenhum",
        "nenhuma", "nessuno", "nessuna", "nessun", "niente", "geen", "niets", "なし", "無し", "ない", "特になし", "无", "無",
        "没有", "沒有", "keine risiken", "sin riesgos", "aucun risque", "nenhum risco", "nessun rischio", "geen risico's",
    ];

    /// <summary>First words that announce "nothing" where a why or risk is asked for ("None that we know of").</summary>
    private static readonly string[] NothingLeadWords =
    [
        "none", "nothing", "nil", "nope", "nada", "nichts", "rien", "niente", "niets",
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
        "siehe", "ver", "veja", "voir", "vedi", "zie", "consulte", "consultar", "see", "refer", "ref", "check", "cf", "look", "pls", "please", "details", "info", "notes", "copied", "copy",
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
        "see", "refer", "cf", "ref", "siehe", "ver", "veja", "voir", "vedi", "zie", "consulte", "consultar",
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
        "anos", "giorni", "settimane", "mesi", "anni", "weken", "maand", "jaar", "gg", "mnd", "dagar", "wochen",
        "semanas", "dias",
    ];

    /// <summary>Words that open a deadline when a time anchor follows: "within 90 days", "before the audit", "bis Ende Januar".</summary>
    private static readonly string[] DeadlineMarkerWords =
    [
        "within", "through", "thru", "inside", "under", "dentro", "by", "at", "am", "zum", "para", "pour", "en", "in",
        "over", "during", "durante", "lors",
        "em", "nel", "nei", "binnen", "w/in", "dans", "tegen",
    ];

    /// <summary>Words that are a deadline whatever follows: "before the board meeting", "antes de la auditoría", "bis Ende Januar".</summary>
    private static readonly string[] StrongDeadlineWords =
    [
        "before", "until", "till", "antes", "hasta", "bis", "avant", "d'ici", "jusqu'à", "jusqu'au", "innerhalb",
        "binnen", "spätestens", "prior", "ahead", "deadline",
        "até", "entro", "prima", "uiterlijk", "voor", "vóór", "spätestens", "avant", "hasta", "fino",
    ];

    /// <summary>Words after "N days" that anchor it to an event: "90 days after go-live", "60 días tras el lanzamiento".</summary>
    private static readonly string[] RelativeWords =
    [
        "after", "of", "from", "post", "following", "into", "since", "nach", "tras", "después", "après", "de", "del",
        "ab", "seit", "desde", "dès", "out", "di", "suivant", "suivants", "dopo", "depois",
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
        "tuesday", "wednesday", "thursday", "friday", "weekend", "board", "ipo", "series", "close", "halbjahr",
        "halbjahres", "jahresende", "quartalsende", "monatsende", "geschäftsjahr", "geschäftsjahres", "eind", "einde",
        "fine", "fim", "final", "semestre", "kwartaal", "trimestre", "trimestrale",
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
        "doubler", "trente", "quarante", "cinquante", "soixante", "soixante-dix", "quatre-vingt", "quatre-vingts",
        "quatre-vingt-dix", "mille", "sept", "huit", "neuf", "onze", "douze", "quinze", "treinta", "cuarenta",
        "cincuenta", "sesenta", "noventa", "mil", "ciento", "quince", "trinta", "quarenta", "cinquenta", "sessenta",
        "noventa", "cem", "metade", "dobro", "três", "duas", "dois", "dez", "vinte", "trenta", "quaranta", "cinquanta",
        "sessanta", "novanta", "cento", "metà", "doppio", "dieci", "venti", "twee", "drie", "vier", "vijf", "tien",
        "twintig", "dertig", "veertig", "vijftig", "zestig", "negentig", "honderd", "tweehonderd", "driehonderd",
        "duizend", "helft", "halveren", "verdubbelen", "dreißig", "vierzig", "fünfzig", "sechzig", "neunzig", "tausend",
        "zweihundert", "dreihundert", "halbiert",
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
        "mostly", "strength", "strengths", "usability", "ease-of-use", "user-friendly", "user-friendliness", "reliable",
        "stability", "functional", "nice-to-have", "must-have", "overall", "broad", "breadth", "depth", "coverage",
        // categories of system, not systems: "a data warehouse and a CRM"
        "warehouse", "crm", "erp", "hris", "idp", "bi", "database", "databases", "ticketing", "helpdesk",
        "cloud", "cloud-based", "on-prem", "premise", "premises", "hybrid", "microsoft-based", "apps", "app",
    ];

    /// <summary>
    /// Generic words of German, Spanish, French, Portuguese, Italian and Dutch: function words, praise, and the business
    /// abstractions of a stock answer ("bessere Auswertungen", "mejor producto", "facilité d'usage", "gebruiksgemak").
    /// </summary>
    private static readonly string[] GenericWordsOtherLanguages =
    [
        // German
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "mit", "für",
        "von", "vom", "zu", "zum", "zur", "im", "am", "auf", "aus", "bei", "beim", "sie", "wir", "uns", "ihr", "ihre",
        "ihrer", "ihren", "ist", "sind", "war", "waren", "hat", "haben", "wird", "werden", "sehr", "einfach", "auch",
        "noch", "mehr", "alle", "allem", "ganzen", "ganze", "gut", "gute", "guter", "gutes", "guten", "besser", "bessere",
        "besseres", "besseren", "beste", "starke", "starkes", "stark", "schnell", "schneller", "neue", "neues", "alte",
        "altes", "wollten", "möchten", "mochten", "mögen", "brauchen", "brauchten", "produkt", "lösung", "system",
        "systeme", "plattform", "werkzeug", "tool", "tools", "auswertungen", "auswertung", "berichte", "reporting",
        "effizienz", "effizienter", "prozesse", "prozess", "kunden", "kundenerlebnis", "team", "teams", "preis", "preise",
        "kosten", "funktionen", "funktionsumfang", "benutzerfreundlichkeit", "bedienbarkeit", "partner", "seite",
        "verhältnis", "beziehung", "demo", "unterstützung", "support", "risiko", "risiken", "projekt", "projekte",
        "einführung", "akzeptanz", "änderungen", "anpassungen", "themen", "thema", "dinge", "sachen", "etwas", "einige",
        "paar", "wichtig", "wichtige", "priorität", "daten", "transparenz", "sichtbarkeit", "wachstum", "digitalisierung",
        "markt", "anbieter", "üblichen", "übliche", "standard", "setup", "umgebung", "modern", "moderne", "cloud",
        // Spanish
        "el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "de", "del", "con", "para", "por", "en", "al",
        "que", "su", "sus", "les", "nos", "muy", "más", "mas", "todo", "todos", "todas", "bien", "buen", "buena",
        "bueno", "mejor", "mejores", "mejorar", "querían", "quieren", "querian", "gustó", "gusto", "producto",
        "herramienta", "herramientas", "sistema", "sistemas", "plataforma", "solución", "analítica", "análisis",
        "informes", "reportes", "eficiencia", "procesos", "proceso", "clientes", "cliente", "equipo", "precio", "precios",
        "costo", "coste", "funcionalidades", "funciones", "facilidad", "uso", "relación", "soporte", "apoyo", "ayuda",
        "riesgo", "riesgos", "proyecto", "adopción", "cambios", "varias", "varios", "otros", "otras", "algo", "datos",
        "visibilidad", "crecimiento", "mercado", "proveedor", "proveedores", "actual", "antiguo", "viejo", "típico",
        "siempre", "estándar", "entorno", "nube", "rápido", "rápida",
        // French
        "le", "les", "une", "des", "du", "et", "ou", "pour", "avec", "dans", "sur", "au", "aux", "ils", "elles", "leur",
        "leurs", "nous", "très", "plus", "tout", "tous", "bon", "bonne", "meilleur", "meilleure", "meilleures",
        "meilleurs", "améliorer", "voulaient", "veulent", "aimé", "produit", "outil", "outils", "système", "plateforme",
        "analyses", "rapports", "reporting", "efficacité", "processus", "clients", "équipe", "prix", "coût", "coûts",
        "fonctionnalités", "fonctionnel", "facilité", "utilisation", "relation", "accompagnement", "risque", "risques",
        "projet", "adoption", "modifications", "changements", "quelques", "données", "visibilité", "croissance",
        "marché", "acteurs", "fournisseur", "fournisseurs", "actuel", "actuelle", "ancien", "ancienne", "habituels",
        "classique", "environnement", "moment", "c'était", "était", "rapide", "bientôt",
        // Portuguese
        "o", "os", "as", "um", "uma", "uns", "umas", "e", "do", "da", "dos", "das", "com", "em", "no", "na", "nos",
        "nas", "eles", "elas", "seu", "sua", "muito", "mais", "bom", "boa", "melhor", "melhores", "melhorar",
        "queriam", "querem", "gostaram", "produto", "ferramenta", "ferramentas", "plataforma", "solução", "relatórios",
        "eficiência", "processos", "clientes", "time", "equipe", "preço", "preços", "custo", "funcionalidades",
        "facilidade", "relacionamento", "suporte", "ajuda", "risco", "riscos", "projeto", "adoção", "ajustes",
        "mudanças", "alguns", "algumas", "dados", "visibilidade", "crescimento", "mercado", "grandes", "fornecedor",
        "atual", "antigo", "sempre", "padrão", "ambiente", "nuvem", "rápido", "fit",
        // Italian
        "il", "lo", "gli", "i", "uno", "di", "dei", "delle", "della", "del", "con", "per", "nel", "nella", "sul", "alla",
        "loro", "molto", "più", "tutto", "tutti", "buono", "buona", "migliore", "migliorare", "volevano", "vogliono",
        "piaciuta", "piaciuto", "prodotto", "strumento", "strumenti", "piattaforma", "soluzione", "dati", "visibilità",
        "efficienza", "processi", "clienti", "squadra", "prezzo", "costo", "costi", "funzionalità", "facilità", "uso",
        "d'uso", "rapporto", "relazione", "supporto", "aiuto", "rischio", "rischi", "progetto", "adozione", "modifiche",
        "qualche", "alcuni", "alcune", "crescita", "mercato", "settore", "nomi", "grandi", "fornitore", "fornitori",
        "attuale", "vecchio", "solito", "soliti", "solita", "configurazione", "ambiente", "veloce", "breve",
        // Dutch
        "de", "het", "een", "en", "of", "van", "voor", "met", "op", "aan", "bij", "ze", "zij", "hun", "wij", "ons",
        "zeer", "heel", "erg", "meer", "alle", "goed", "goede", "beter", "betere", "beste", "wilden", "willen",
        "product", "systeem", "platform", "oplossing", "rapportages", "efficiënter", "efficiëntie", "processen",
        "klanten", "klant", "prijs", "kosten", "functionaliteit", "gebruiksgemak", "relatie", "klik", "begeleiding",
        "ondersteuning", "risico", "risico's", "project", "adoptie", "wijzigingen", "aanpassingen", "wat", "enkele",
        "paar", "data", "groei", "markt", "leverancier", "leveranciers", "huidige", "oude", "gebruikelijke",
        "standaard", "omgeving", "snel",
        // praise, motives and hedges, in all six
        "überzeugt", "überzeugend", "vertrauen", "chemie", "sympathisch", "passt", "passende", "flexibel", "einfacher",
        "intuitiv", "umfassend", "überlegen", "gefallen", "gefiel", "angebot", "gesamtpaket", "paket", "zusammenarbeit",
        "betreuung", "service", "wachsen", "digitalisierung", "modernisieren", "automatisieren", "priorität",
        "geschäftsführung", "vorstand", "widerstand", "zeitplan", "ressourcen", "kapazität", "verzögerung",
        "schwierig", "könnte", "kann", "bekannte", "bekannten", "technisch", "technische", "sicherheit", "integration",
        "confianza", "química", "encaje", "completo", "completa", "flexible", "intuitivo", "sencillo", "fácil",
        "moderno", "moderna", "superior", "servicio", "atención", "paquete", "oferta", "propuesta", "gustaba",
        "encantó", "eligieron", "convenció", "crecer", "transformación", "digital", "modernizar", "automatizar",
        "prioridad", "dirección", "resistencia", "calendario", "recursos", "capacidad", "retraso", "difícil", "podría",
        "puede", "conocidos", "técnico", "técnica", "seguridad", "integración", "uso",
        "confiance", "feeling", "adapté", "adaptée", "complet", "complète", "intuitif", "simple", "facile", "moderne",
        "supérieur", "service", "offre", "proposition", "convaincu", "convaincus", "plu", "préféré", "choisi",
        "croissance", "transformation", "digitale", "moderniser", "automatiser", "priorité", "direction", "résistance",
        "calendrier", "ressources", "capacité", "retard", "difficile", "pourrait", "peut", "connus", "technique",
        "sécurité", "intégration", "utilisation", "d'utilisation",
        "confiança", "flexível", "simples", "serviço", "atendimento", "proposta", "preferiram", "escolheram",
        "convenceu", "crescer", "transformação", "modernizar", "prioridade", "diretoria", "resistência", "cronograma",
        "capacidade", "atraso", "poderia", "pode", "conhecidos", "técnico", "segurança", "integração",
        "fiducia", "flessibile", "semplice", "facile", "superiore", "servizio", "offerta", "scelto", "preferito",
        "convinto", "crescere", "trasformazione", "digitale", "modernizzare", "automatizzare", "priorità", "direzione",
        "resistenza", "tempistiche", "risorse", "capacità", "ritardo", "difficile", "potrebbe", "può", "noti", "tecnico",
        "sicurezza", "integrazione",
        "vertrouwen", "gevoel", "compleet", "intuïtief", "eenvoudig", "makkelijk", "makkelijker", "superieur",
        "aanbod", "voorstel", "gekozen", "voorkeur", "overtuigd", "groeien", "transformatie", "digitale",
        "moderniseren", "automatiseren", "prioriteit", "directie", "weerstand", "planning", "middelen", "capaciteit",
        "vertraging", "moeilijk", "zou", "kunnen", "kan", "bekende", "technische", "veiligheid", "beveiliging",
        "integratie", "speerpunt", "enthousiast", "gemotiveerd", "motiviert", "motivado", "motivé", "motivati",
        "everything", "alles", "todo", "tout", "tudo", "tutto", "unremarkable", "mid-market", "enterprise", "smb",
        "company-wide", "companywide",
        // qualities a buyer weighs, named without saying which or how much ("total cost of ownership", "Preis-Leistung",
        // "semplicità d'uso"), and the wants and pressures of any company ("sie wollen wachsen", "pressure from leadership")
        "total", "ownership", "tco", "customization", "customisation", "customizable", "configurability", "configurable",
        "simplicity", "usability", "stability", "scalable", "maturity", "reputation", "references", "reference",
        "ecosystem", "openness", "api", "apis", "mobile", "ux", "ui", "look", "design", "modules", "module", "wins",
        "quick-wins", "pressure", "pressures", "demand", "expectations", "whatever", "anything", "everything",
        "cloud-native", "native", "saas-based", "best-of-breed", "enterprise-grade", "commodity",
        "preis-leistung", "preis-leistungs-verhältnis", "preisleistung", "flexibilität", "skalierbarkeit",
        "zuverlässigkeit", "stabilität", "anpassbarkeit", "bedienung", "benutzeroberfläche", "referenzen", "ruf",
        "kundenservice", "wollen", "wollten", "will", "möchte", "druck", "erwartungen", "schneller", "weiter",
        "usabilidad", "flexibilidad", "escalabilidad", "fiabilidad", "estabilidad", "personalización", "referencias",
        "reputación", "atención", "cliente", "quieren", "quiere", "presión", "expectativas", "crecer",
        "simplicité", "flexibilité", "évolutivité", "fiabilité", "stabilité", "personnalisation", "références",
        "réputation", "ergonomie", "veulent", "voulait", "grandir", "pression", "attentes", "équipes", "par",
        "simplicidade", "flexibilidade", "escalabilidade", "confiabilidade", "estabilidade", "personalização",
        "referências", "reputação", "usabilidade", "querem", "quer", "pressão", "expectativas", "equipes", "times",
        "semplicità", "flessibilità", "scalabilità", "affidabilità", "stabilità", "personalizzazione", "referenze",
        "reputazione", "usabilità", "assistenza", "vogliono", "vuole", "pressione", "aspettative", "squadre",
        "eenvoud", "flexibiliteit", "schaalbaarheid", "betrouwbaarheid", "stabiliteit", "gebruiksvriendelijkheid",
        "referenties", "reputatie", "klantenservice", "service", "willen", "wil", "druk", "verwachtingen", "groeien",
        "gebruiksvriendelijk", "prettig", "fijn", "gevoel", "juiste", "keuze", "meerwaarde", "toegevoegde", "waarde",
        "ontzorgen", "ontzorging", "inzicht", "overzicht", "grip", "efficiënt", "professionaliseren", "professionalisering",
        "verbeteren", "verbetering", "optimaliseren", "stroomlijnen", "digitaliseren", "digitalisering", "schaalbaar",
        "toekomstbestendig", "modern", "moderne", "verouderd", "verouderde", "achterhaald", "bestaande", "pakket",
        "gangbaar", "gangbare", "gebruikelijk", "normaal", "normale", "gewoon", "eigenlijk", "vooral", "voornamelijk",
        "belangrijk", "belangrijkste", "ambitie", "ambities", "doelen", "doel", "opschalen", "besparen", "besparing",
        "tijdwinst", "samenwerking", "partnerschap", "hulp", "minder", "sneller", "makkelijker", "eenvoudiger",
        "slimmer", "duidelijker", "overzichtelijker", "medewerkers", "organisatie", "bedrijf", "leiding", "verandering",
        "veranderingen", "acceptatie", "draagvlak", "budget", "tijd", "uitdaging", "uitdagingen", "zorgen", "onzeker",
        "onzekerheid", "aandachtspunt", "aandachtspunten", "iedereen", "echt", "dit", "jaar", "dat", "die", "er", "is",
        "zijn", "was", "waren", "hebben", "heeft", "had", "worden", "wordt", "werd", "naar", "om", "te", "als", "ook",
        "nog", "al", "maar", "dan", "door", "over", "uit", "tot", "zo", "wel", "niet", "alles", "veel", "weinig",
        "klein", "kleine", "groot", "grote", "nieuw", "nieuwe", "oud", "werken", "bedienen", "leveren", "helpen",
        "begeleiden", "ondersteunen", "zorgen", "regelen", "kijken", "gaan", "komen", "doen", "maken", "krijgen",
        "hun", "hen", "onze", "jullie", "klanten", "team", "directie", "management", "processen", "proces",
        "functionaliteiten", "functies", "mogelijkheden", "koppelingen", "koppeling", "integraties", "rapportage",
        "dashboards", "inzichten", "klanttevredenheid", "klantbeleving", "beleving", "ervaring", "gebruikerservaring",
        // Italian and German counterparts that fluent filler leans on
        "esperienza", "valore", "aggiunto", "crescita", "sviluppo", "obiettivi", "obiettivo", "ambizioni", "efficace",
        "efficaci", "ottimizzare", "semplificare", "digitalizzare", "innovazione", "innovativo", "moderna", "moderno",
        "superata", "superato", "obsoleto", "obsoleta", "interessati", "contenti", "soddisfatti", "tutta", "tutte",
        "sempre", "anche", "ancora", "però", "ma", "come", "questo", "questa", "quello", "quella", "che", "non",
        "erfahrung", "mehrwert", "ziele", "ziel", "optimieren", "vereinfachen", "innovation", "veraltet", "veraltete",
        "zufrieden", "begeistert", "immer", "aber", "wie", "dieses", "diese", "dieser", "nicht", "alles",
        "vonden", "vond", "leuk", "sterk", "sterke", "klikte", "past", "paste", "passen", "aanpak", "keuze",
        "sintonia", "feeling", "scelto", "scelta", "hanno", "ci", "noi", "piaciuto", "piaciuti", "piaciute", "preferito",
    ];

    /// <summary>Words that name no vendor: "the usual suspects", "big players", "legacy system", "leur outil actuel".</summary>
    private static readonly string[] VendorGenericWords =
    [
        "suspects", "players", "player", "names", "leaders", "leader", "ones", "options", "others", "alternatives",
        "alternative", "incumbent", "incumbents", "vendors", "vendor", "providers", "startups", "smaller", "bigger",
        "cheaper", "usual", "crm", "stack", "legacy", "old", "previous", "existing", "current", "spreadsheet-based",
        "verdächtigen", "großen", "altsystem", "bisherige", "anbieter", "wettbewerber", "siempre", "otros", "grandes",
        "gros", "autres", "concurrents", "outil", "nomi", "altri", "concorrenti", "verdachten", "anderen", "concorrentes",
        "líderes", "marktführer", "marktleider", "marktleiders", "acteurs", "jugadores", "nombres", "noms", "namen",
        "nomes", "grands", "grote", "big", "major", "principales", "principaux", "wichtigsten", "belangrijkste",
        "principali", "principais", "andere", "outros", "competidores", "wettbewerber", "concurrenten", "fournisseurs",
        "fornecedores", "leveranciers", "aanbieders", "habituales", "habituels", "habituais", "soliti", "bekannten",
        "conocidos", "connus", "conhecidos", "noti", "bekende", "sistemas", "herramientas", "ferramentas", "outils",
        "systèmes", "logiciel", "systeme", "werkzeug", "pakket", "strumento", "actuel", "actuelle", "aktuelle",
        "aktuellen", "huidige", "atual", "attuale", "antiguo", "ancien", "alte", "alten", "altes", "oude", "antigo",
        "vecchio", "bisherige", "bisherigen", "anterior", "précédent", "vorherige", "vorige", "precedente",
        "gestionale", "legado", "plataforma", "solución", "solução", "soluzione", "oplossing", "paket", "programa",
        "programma", "applicatie", "anwendung", "aplicación", "application", "aplicação", "applicazione", "mix",
        "bunch", "variety", "various", "several", "multiple", "handful", "mishmash", "patchwork", "combination",
        "sueltas", "sueltos", "diversos", "diverses", "verschiedene", "diversi", "diverse", "verschillende",
    ];

    /// <summary>Words that promise nothing in particular: "extra support", "white-glove onboarding", "some roadmap items".</summary>
    private static readonly string[] CommitmentGenericWords =
    [
        "support", "onboarding", "help", "extra", "additional", "roadmap", "items", "item", "custom", "work", "priority",
        "white-glove", "attention", "care", "dedicated", "close", "closely", "hand-holding", "small", "few", "couple",
        "take", "we'll", "will", "them", "assistance", "guidance", "unterstützung", "kümmern", "begleitung",
        "ayudaremos", "necesiten", "primera", "acompañamiento", "desarrollo", "medida", "s'occuper", "occuper", "va",
        "suivi", "cuidaremos", "desenvolvimento", "sob", "seguiremo", "vicino", "supporto", "begeleiding",
        "personalizado", "personnalisé", "persönliche", "persoonlijke", "personalizzato", "dedicado", "dédié",
        "dedicato", "dedicada", "total", "voll", "volle", "zusätzliche", "adicional", "adicionales", "supplémentaire",
        "aggiuntivo", "aandacht", "atención", "attenzione", "atenção", "acompanhamento", "accompagnamento", "apoyo",
        "apoio", "soutien", "aiuto", "hilfe", "hulp", "ayuda", "ajuda", "servicio", "serviço", "servizio", "dienst",
        "prioridad", "priorité", "priorität", "prioridade", "priorità", "prioriteit", "seguimiento", "opvolging",
        "best", "effort", "smooth", "great", "regular", "check-ins", "checkins", "meetings", "migration", "esfuerzo",
        "esforço", "sforzo", "inspanning", "mesure", "misura", "maat", "massimo", "máximo", "maximal", "volledige",
        "complète", "integral", "totale", "besoin", "precisarem", "nodig", "benötigen",
        "enge", "eng", "engen", "nah", "cercano", "cercana", "rapproché", "rapprochée", "próximo", "próxima", "stretto",
        "aandacht", "intensive", "intensivo", "intensif", "intensiva", "intensief", "quick", "wins", "happy", "sure",
        "whatever", "anything", "everything", "flexibility", "flexibilidad", "flexibilité", "flexibilidade",
        "flessibilità", "flexibiliteit", "flexibilität", "during", "first", "months", "weeks", "während", "ersten",
        "durante", "primeros", "primeiros", "premiers", "primi", "eerste", "pendant", "tijdens", "monate", "meses",
        "mois", "mesi", "maanden", "semaines", "wochen", "semanas", "settimane", "weken",
    ];

    /// <summary>Words that name no clause: "special pricing", "a few redlines", "adjusted liability".</summary>
    private static readonly string[] TermsGenericWords =
    [
        "special", "pricing", "discount", "discounts", "changes", "changed", "redlines", "redline", "clauses", "clause",
        "exceptions", "exception", "legal", "legals", "adjusted", "adjustments", "liability", "payment", "terms", "term",
        "non-standard", "nonstandard", "modifications", "negotiated", "couple", "few", "juristische", "juristisch",
        "rabatt", "cambios", "juridiques", "juridique", "modifica", "legale", "juridische", "wijzigingen", "ajustes",
        "contrato", "contract", "contrat", "vertrag", "contratto",
        "términos", "condiciones", "cláusulas", "conditions", "bedingungen", "klauseln", "termos", "condições",
        "condizioni", "clausole", "voorwaarden", "clausules", "sconto", "descuento", "desconto", "remise", "korting",
        "especial", "spécial", "speciale", "speziell", "sonderkonditionen", "sonderpreis", "ajustada", "ajustado",
        "responsabilidad", "responsabilité", "haftung", "aansprakelijkheid", "responsabilità", "responsabilidade",
        "pagamento", "pago", "paiement", "zahlung", "betaling", "zahlungsbedingungen", "betalingsvoorwaarden",
        "custom", "minor", "tweaks", "concessions", "flexible", "extended", "better", "favourable", "favorable", "some",
        "wording", "language", "edits", "markup", "markups", "negotiation", "negotiations", "amendments", "amended",
        "addendum", "particulières", "particulares", "particolari", "besondere", "bijzondere", "speciali", "especiais",
        "flexibles", "flessibili", "flexíveis", "enmiendas", "amendements", "alterações", "emendamenti",
        "amendementen", "änderungen", "quelques", "einige", "unas", "cuantas", "alguns", "algumas", "qualche",
        "enkele", "paar", "wat",
    ];

    /// <summary>Negations that make an explicit "none": "Nothing beyond the contract", "Keine Nebenabreden", "Sin compromisos".</summary>
    private static readonly string[] NegationWords =
    [
        "no", "none", "nothing", "not", "nil", "without", "zero", "kein", "keine", "keinen", "keiner", "nichts", "ohne",
        "sin", "ningún", "ninguno", "ninguna", "nada", "aucun", "aucune", "rien", "sans", "pas", "sem", "nenhum",
        "nenhuma", "nessun", "nessuno", "nessuna", "niente", "senza", "geen", "niets", "zonder",
    ];

    /// <summary>Words that say the paper is standard: "Standard paper", "our paper", "Standardvertrag", "contrato padrão".</summary>
    private static readonly string[] StandardPaperWords =
    [
        "standard", "std", "paper", "standardvertrag", "standardbedingungen", "estándar", "standard-msa", "padrão",
        "standaard", "standaardcontract", "standardowe",
    ];

    /// <summary>Where AEs keep notes and recordings: named alone ("Gong", "Notion page") they point there instead of answering.</summary>
    private static readonly string[] NotesPlaceWords =
    [
        "gong", "chorus", "notion", "confluence", "loom", "sharepoint", "dropbox", "quip", "gdrive", "miro", "coda",
        "evernote", "onenote", "slack", "docusign", "drive", "deck", "slides", "recording", "recordings", "transcript",
        "fireflies", "otter", "avoma", "wingman", "grain",
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
        Add(WordClass.Generic, GenericWordsOtherLanguages);
        Add(WordClass.VendorGeneric, VendorGenericWords);
        Add(WordClass.CommitmentGeneric, CommitmentGenericWords);
        Add(WordClass.TermsGeneric, TermsGenericWords);
        Add(WordClass.Negation, NegationWords);
        Add(WordClass.StandardPaper, StandardPaperWords);
        Add(WordClass.NotesPlace, NotesPlaceWords);
        Add(WordClass.Product, ProductNames.Lexicon);
        Add(WordClass.StandIn, ProductNames.StandInWords);
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
