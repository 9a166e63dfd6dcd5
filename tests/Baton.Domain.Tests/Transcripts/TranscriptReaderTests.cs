using Baton.Domain.Transcripts;

namespace Baton.Domain.Tests.Transcripts;

public sealed class TranscriptReaderTests
{
    private static Transcript Read(string text, string? name = null)
    {
        Assert.True(TranscriptReader.TryRead(text, name, out var t, out var problem), problem?.ToString());
        return t;
    }

    [Fact]
    public void Plain_text_with_speakers_and_timestamps()
    {
        var t = Read("[00:01:05] Dana Whit: We use Okta. And Snowflake.\n[00:01:20] Sam (Baton): Great.\n\nA paragraph without a speaker.");
        Assert.Equal(TranscriptFormat.PlainText, t.Format);
        Assert.Equal(3, t.Utterances.Count);
        Assert.Equal("Dana Whit", t.Utterances[0].Speaker);
        Assert.Equal(TimeSpan.FromSeconds(65), t.Utterances[0].Start);
        Assert.Equal(["We use Okta.", "And Snowflake."], t.Sentences.Where(s => s.Speaker == "Dana Whit").Select(s => s.Text));
        Assert.Null(t.Utterances[2].Speaker);
    }

    [Fact]
    public void WebVtt_with_notes_voice_tags_and_split_sentences()
    {
        const string vtt = """
            WEBVTT
            Kind: captions

            NOTE recorded by the meeting tool

            STYLE
            ::cue { color: white }

            1
            00:00:01.000 --> 00:00:04.000
            <v Dana Whit>We need to cut the backlog</v>

            2
            00:00:04.000 --> 00:00:07.500 align:start
            <v Dana Whit>to under 300 within <b>90 days</b>.</v>

            00:00:08.000 --> 00:00:09.000
            Sam: Understood.
            """;
        var t = Read(vtt);
        Assert.Equal(TranscriptFormat.WebVtt, t.Format);
        Assert.Equal(2, t.Sentences.Count);
        Assert.Equal("We need to cut the backlog to under 300 within 90 days.", t.Sentences[0].Text);
        Assert.Equal("Dana Whit", t.Sentences[0].Speaker);
        Assert.Equal(TimeSpan.FromSeconds(1), t.Sentences[0].Start);
        Assert.Equal("Sam", t.Sentences[1].Speaker);
        Assert.Equal("Understood.", t.Sentences[1].Text);
    }

    [Fact]
    public void Srt_with_comma_milliseconds()
    {
        const string srt = "1\r\n00:00:02,500 --> 00:00:05,000\r\nDana: We have 45 users.\r\n\r\n2\r\n00:01:00,000 --> 00:01:02,000\r\nSam: Thanks.\r\n";
        var t = Read(srt, "call.srt");
        Assert.Equal(TranscriptFormat.Srt, t.Format);
        Assert.Equal(TimeSpan.FromSeconds(2.5), t.Sentences[0].Start);
        Assert.Equal("Dana", t.Sentences[0].Speaker);
        Assert.Equal(TimeSpan.FromMinutes(1), t.Sentences[1].Start);
    }

    [Fact]
    public void Malformed_vtt_timing_names_the_line()
    {
        const string vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nHello there.\n\n2\n00:00:05 -> 00:00:06.000\nBroken.\n";
        Assert.False(TranscriptReader.TryRead(vtt, "x.vtt", out _, out var problem));
        Assert.NotNull(problem);
        Assert.Equal(8, problem.Line);
        Assert.Contains("line 8", problem.ToString());
    }

    [Fact]
    public void Empty_input_is_a_problem_not_an_exception()
    {
        Assert.False(TranscriptReader.TryRead("", null, out _, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Content_wins_over_extension()
    {
        Assert.Equal(TranscriptFormat.WebVtt, TranscriptReader.Detect("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi.", "call.txt"));
        Assert.Equal(TranscriptFormat.PlainText, TranscriptReader.Detect("Dana: hello", "call.vtt"));
    }

    [Fact]
    public void Abbreviations_do_not_split_sentences()
    {
        Assert.Equal(["We use e.g. Jira and Slack.", "Next one."], TranscriptReader.SplitSentences("We use e.g. Jira and Slack. Next one."));
    }
}
