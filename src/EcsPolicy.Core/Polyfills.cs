// Language features the netstandard2.0 target needs; the compiler only looks for the names.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}

/// <summary>Marks a type the compiler builds interpolated strings into (see <c>EcsPolicy.Findings.FindingTextBuilder</c>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
internal sealed class InterpolatedStringHandlerAttribute : Attribute
{
}
