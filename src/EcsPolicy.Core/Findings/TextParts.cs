namespace EcsPolicy.Findings;

/// <summary>
/// A piece of a message that each input writes differently beyond its names: an example of code whose shape differs
/// (a secrets entry is an object in a task definition, a map entry in a Copilot manifest, a dictionary entry in CDK C#).
/// The task-definition text is required; another vocabulary without its own text falls back: CloudFormation YAML to
/// CloudFormation JSON, every other vocabulary to the task-definition text (whose <see cref="PropRef"/> parts are still
/// spelled by the input).
/// </summary>
public sealed class ByVocabulary : SpelledPart
{
    public ByVocabulary(FindingText api, FindingText? cloudFormationJson = null, FindingText? cloudFormationYaml = null, FindingText? copilot = null, FindingText? cdk = null)
    {
        Api = api;
        CloudFormationJson = cloudFormationJson;
        CloudFormationYaml = cloudFormationYaml;
        Copilot = copilot;
        Cdk = cdk;
    }

    /// <summary>
    /// A text written for each vocabulary when it is rendered (<paramref name="spell"/> is called then, with the file's
    /// vocabulary): for an example whose other spellings cost work (paths, lookups) that a task-definition file never needs.
    /// </summary>
    public ByVocabulary(Func<Vocabulary, FindingText> spell)
        : this(FindingText.Of($""))
    {
        _spell = spell;
    }

    private readonly Func<Vocabulary, FindingText>? _spell;

    public FindingText Api { get; }

    public FindingText? CloudFormationJson { get; }

    public FindingText? CloudFormationYaml { get; }

    public FindingText? Copilot { get; }

    public FindingText? Cdk { get; }

    /// <summary>
    /// An edit shown as code the file has or could have (<c>marked "essential": true</c>), in every input's vocabulary,
    /// without being offered as the finding's fix (only top-level <see cref="ModelEdit"/> parts are).
    /// </summary>
    public static ByVocabulary Code(ModelEdit edit) => new(FindingText.Of($"{edit}"));

    /// <summary>The text for <paramref name="vocabulary"/>, after the fallbacks.</summary>
    public FindingText For(Vocabulary vocabulary) => _spell is { } spell ? spell(vocabulary) : vocabulary switch
    {
        Vocabulary.CloudFormationJson => CloudFormationJson ?? Api,
        Vocabulary.CloudFormationYaml => CloudFormationYaml ?? CloudFormationJson ?? Api,
        Vocabulary.Copilot => Copilot ?? Api,
        Vocabulary.CdkCSharp => Cdk ?? Api,
        _ => Api,
    };

    public override string Spell(Vocabulary vocabulary) => For(vocabulary).Render(vocabulary);
}

/// <summary>
/// A property named with its indefinite article, chosen after the name is spelled: "a healthCheck" in a task definition,
/// "an image.healthcheck" in a Copilot manifest.
/// </summary>
public sealed class WithArticle : SpelledPart
{
    public WithArticle(PropRef prop)
    {
        Prop = prop;
    }

    public PropRef Prop { get; }

    /// <summary>"a" or "an" before <paramref name="spelled"/>, by its first letter.</summary>
    public static string Before(string spelled) =>
        spelled.Length > 0 && "aeiouAEIOU".IndexOf(spelled[0]) >= 0 ? "an " + spelled : "a " + spelled;

    public override string Spell(Vocabulary vocabulary) => Before(Vocabularies.Names.Prop(Prop, vocabulary));
}

/// <summary>
/// A property named in quotes (<c>"user"</c>), except where the input names it by a phrase rather than a key: a Copilot
/// manifest without a key for it reads <c>taskdef_overrides path ContainerDefinitions[0].User</c>, unquoted.
/// </summary>
public sealed class Quoted : SpelledPart
{
    public Quoted(PropRef prop)
    {
        Prop = prop;
    }

    public PropRef Prop { get; }

    /// <summary><paramref name="spelled"/> in quotes, unless it is a phrase.</summary>
    public static string Around(string spelled) => spelled.IndexOf(' ') >= 0 ? spelled : "\"" + spelled + "\"";

    public override string Spell(Vocabulary vocabulary) => Around(Vocabularies.Names.Prop(Prop, vocabulary));
}
