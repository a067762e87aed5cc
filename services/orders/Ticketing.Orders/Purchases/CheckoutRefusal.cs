namespace Ticketing.Orders.Purchases;

/// <summary>
/// Why the purchase saga turned a checkout away (nothing was saved), as a code the checkout request decides on; the
/// words for the fan are <see cref="CheckoutRefusals.Message"/>, and may change without changing any behaviour.
/// </summary>
public enum CheckoutRefusal
{
    /// <summary>Another checkout of the hold is paying: the request answers that one's order.</summary>
    AlreadyUnderWay,

    /// <summary>The hold was checked out already (sold, refunded or cancelled): the request answers that order.</summary>
    AlreadyCheckedOut,

    /// <summary>The hold ran out before the checkout reached it.</summary>
    ReservationExpired,
}

public static class CheckoutRefusals
{
    public static string Message(this CheckoutRefusal refusal) => refusal switch
    {
        CheckoutRefusal.AlreadyUnderWay => "A checkout for these seats is already under way",
        CheckoutRefusal.AlreadyCheckedOut => "These seats were already checked out",
        CheckoutRefusal.ReservationExpired => "Reservation has expired",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
    };
}
