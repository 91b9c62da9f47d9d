using Cpm.Sdk.Storage.Operations;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>The pool of reusable operations: bounded, and each operation handed out once.</summary>
public sealed class OperationPoolTests
{
    [Fact]
    public void The_pool_keeps_no_more_than_its_capacity_and_hands_each_operation_out_once()
    {
        var pool = new OperationPool<object>(capacity: 4);
        foreach (object item in Enumerable.Range(0, 6).Select(_ => new object()))
        {
            pool.Return(item);
        }

        pool.Count.Should().Be(4);
        object?[] rented = [.. Enumerable.Range(0, 5).Select(_ => pool.Rent())];
        rented.Take(4).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        rented[4].Should().BeNull("the pool is empty: the caller makes a new operation");
        pool.Count.Should().Be(0);
    }
}
