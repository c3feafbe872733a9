using System.Collections;

namespace EcsPolicy.Cli.Outputs;

/// <summary>A read-only list built on first use.</summary>
public sealed class LazyList<T>(Func<IReadOnlyList<T>> build) : IReadOnlyList<T>
{
    private readonly Lazy<IReadOnlyList<T>> _items = new(build);

    public int Count => _items.Value.Count;

    public T this[int index] => _items.Value[index];

    public IEnumerator<T> GetEnumerator() => _items.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
