using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Ticketing.Orders.Tests;

[Collection(PurchaseCollection.Name)]
public sealed class IdempotencyTests(PurchaseSystem system)
{
    [Fact]
    public async Task Checkout_SameKeyTwice_ReturnsTheSameOrderAndChargesOnce()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, _) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);
        var key = Guid.NewGuid().ToString();

        var first = await PurchaseSystem.ReadAsync<JsonElement>(await PurchaseSystem.CheckoutAsync(orders, key: key));
        var second = await PurchaseSystem.ReadAsync<JsonElement>(await PurchaseSystem.CheckoutAsync(orders, key: key));

        var orderId = first.GetProperty("order").GetProperty("id").GetGuid();
        Assert.Equal(orderId, second.GetProperty("order").GetProperty("id").GetGuid());
        Assert.Equal("completed", second.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(key, second.GetProperty("order").GetProperty("idempotency_key").GetString());
        Assert.Equal(1, await system.ChargesAsync(orderId));
    }

    [Fact]
    public async Task Checkout_AgainWithoutKeyRightAfterTheSale_AnswersThatOrder()
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, _) = await system.HoldSeatsAsync(eventId, 2);
        using var orders = system.OrdersAs(userId);

        var first = await PurchaseSystem.ReadAsync<JsonElement>(await PurchaseSystem.CheckoutAsync(orders));
        // The hold is a sale now; a second click of the same button must not say "No active reservation found".
        var second = await PurchaseSystem.ReadAsync<JsonElement>(await PurchaseSystem.CheckoutAsync(orders, eventId: eventId));

        var orderId = first.GetProperty("order").GetProperty("id").GetGuid();
        Assert.Equal(orderId, second.GetProperty("order").GetProperty("id").GetGuid());
        Assert.Equal("completed", second.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(1, await system.ChargesAsync(orderId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Checkout_TwentySimultaneousSubmits_OneOrderOneCharge(bool withKey)
    {
        var eventId = await system.CreateEventOnSaleAsync();
        var (userId, _) = await system.HoldSeatsAsync(eventId, 2);
        var key = withKey ? Guid.NewGuid().ToString() : null;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var submits = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var orders = system.OrdersAs(userId);
            await go.Task;
            return await PurchaseSystem.CheckoutAsync(orders, key: key);
        }).ToArray();
        go.SetResult();
        var responses = await Task.WhenAll(submits);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var orderIds = new HashSet<Guid>();
        foreach (var response in responses)
        {
            orderIds.Add((await PurchaseSystem.ReadAsync<JsonElement>(response)).GetProperty("order").GetProperty("id").GetGuid());
        }
        var orderId = Assert.Single(orderIds);
        Assert.Equal(1, await system.QueryOrdersDbAsync(db => db.Orders.CountAsync(o => o.UserId == userId)));
        Assert.Equal(1, await system.ChargesAsync(orderId));
    }
}
