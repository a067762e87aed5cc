using Ticketing.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Api.Models;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Domain;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Catalog.Api;

/// <summary>Venues and their sections: public reads; creation (with the sections) for organisers.</summary>
public static class VenuesApi
{
    public static IEndpointRouteBuilder MapVenuesApi(this IEndpointRouteBuilder app)
    {
        var venues = app.MapGroup("/api/v1/venues").WithTags("Venues");
        venues.MapGet("/", ListVenues).AllowAnonymous();
        venues.MapGet("/{id}", GetVenue).AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound);
        venues.MapGet("/{id}/sections", GetSections).AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound);
        venues.MapPost("/", CreateVenue).RequireAuthorization(Policies.Admin);
        return app;
    }

    public static async Task<Ok<List<VenueResponse>>> ListVenues(CatalogDbContext db)
    {
        var venues = await db.Venues.AsNoTracking().OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync();
        return TypedResults.Ok(venues.Select(v => VenueResponse.From(v)).ToList());
    }

    public static async Task<Results<Ok<VenueResponse>, ProblemHttpResult>> GetVenue(string id, CatalogDbContext db)
    {
        if (!Guid.TryParse(id, out var venueId))
        {
            return Problems.InvalidId("venue");
        }
        var venue = await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == venueId);
        return venue is null ? CatalogProblems.VenueNotFound() : TypedResults.Ok(VenueResponse.From(venue));
    }

    /// <summary>Sections in map order; an unknown venue is a 404.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SectionResponse>>, ProblemHttpResult>> GetSections(string id, CatalogDbContext db)
    {
        if (!Guid.TryParse(id, out var venueId))
        {
            return Problems.InvalidId("venue");
        }
        var venue = await db.Venues.AsNoTracking().Include(v => v.Sections).FirstOrDefaultAsync(v => v.Id == venueId);
        return venue is null ? CatalogProblems.VenueNotFound() : TypedResults.Ok(SectionResponse.Ordered(venue.Sections));
    }

    public static async Task<Results<Created<VenueResponse>, ProblemHttpResult>> CreateVenue(
        CreateVenueRequest body, CatalogDbContext db, TimeProvider clock)
    {
        if (body.Sections is not { Count: > 0 } sectionRequests)
        {
            return Problems.BadRequest("sections is required: a venue needs at least one section");
        }
        var sections = new List<VenueSection>();
        try
        {
            foreach (var request in sectionRequests)
            {
                sections.Add(ToSection(request));
            }
            var venue = Venue.Create(
                Guid.NewGuid(), body.Name ?? "", body.Address ?? "", body.City ?? "", body.State, body.Country ?? "",
                body.Capacity, body.ImageUrl, sections, clock.GetUtcNow());
            db.Venues.Add(venue);
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/v1/venues/{venue.Id}", VenueResponse.From(venue, withSections: true));
        }
        catch (DomainException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static VenueSection ToSection(CreateSectionRequest request)
    {
        var tierText = request.PriceTier ?? request.SectionType;
        var tier = PriceTier.Standard;
        if (tierText is not null && !WireNames.TryParseWire(tierText, out tier))
        {
            throw new DomainException($"Invalid price_tier: use one of {WireNames.Allowed<PriceTier>()}");
        }
        if (request.RowCount is not { } rows || request.SeatsPerRow is not { } seatsPerRow || request.BasePrice is not { } price)
        {
            throw new DomainException("Each section needs name, row_count, seats_per_row and base_price");
        }
        return VenueSection.Create(Guid.NewGuid(), request.Name ?? "", rows, seatsPerRow, price, tier, request.PositionX ?? 0, request.PositionY ?? 0);
    }
}
