// Language features the netstandard2.0 target needs; the compiler only looks for the names.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
