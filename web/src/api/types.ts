export type Role = "user" | "admin";
export interface User { id: string; email: string; name: string; role: Role }

export type EventStatus = "upcoming" | "on_sale" | "sold_out" | "cancelled" | "completed";
export type Tier = "vip" | "premium" | "standard" | "economy";
export type SeatStatus = "available" | "held" | "sold";

export interface Venue {
  id: string; name: string; address: string; city: string; state: string | null; country: string;
  capacity: number; image_url: string | null;
}

export interface Section {
  id: string; venue_id: string; name: string; row_count: number; seats_per_row: number; base_price: number;
  price_tier: Tier; position_x: number; position_y: number;
}

export interface TicketEvent {
  id: string; name: string; description: string | null; venue_id: string; artist: string; category: string;
  event_date: string; on_sale_date: string; status: EventStatus; total_capacity: number; available_seats: number;
  image_url: string | null; waiting_room_enabled: boolean; max_concurrent_shoppers: number; max_tickets_per_user: number;
  venue: Venue;
}

export interface EventPage { data: TicketEvent[]; total: number; page: number; limit: number; totalPages: number }

export interface Seat { id: string; row: string; seat_number: string; price: number; price_tier: Tier; status: SeatStatus }

export interface SectionAvailability {
  section: string; available: number; total: number; min_price: number; max_price: number; seats: Seat[];
}

export interface HeldSeat {
  id: string; event_id: string; section: string; row: string; seat_number: string; price_tier: Tier; price: number;
}

export interface Reservation { hold_id: string; event_id: string; seats: HeldSeat[]; total_price: number; expires_at: string }
export interface ReserveResult { hold_id: string; seats: HeldSeat[]; expiresAt: string; totalPrice: number }
export interface ReleaseResult { message: string; released: string[]; hold_ended: boolean }

export type QueueState = "waiting" | "active" | "sold_out" | "not_in_queue";
/** poll_after_ms: when a waiting client should ask again (0: nothing to wait for). */
export interface QueueStatus { position: number; status: QueueState; estimated_wait_seconds: number; poll_after_ms: number }

export type OrderStatus = "pending" | "completed" | "payment_failed" | "failed" | "cancelling" | "cancelled";
export interface Order {
  id: string; user_id: string; event_id: string; status: OrderStatus; total_amount: number; refunded_amount: number;
  failure_reason: string | null; failure_code: string | null; payment_id: string | null;
  idempotency_key: string | null; created_at: string; completed_at: string | null; cancelled_at: string | null;
  event_name: string; event_date: string; artist: string; venue_name: string; venue_city: string; venue_address?: string;
}
export interface OrderItem {
  id: string; order_id: string; seat_id: string; section: string; row: string; seat_number: string; price_tier: Tier; price: number;
}
export interface CheckoutResult { order: Order; items: OrderItem[]; message?: string }
export interface OrderDetails { order: Order; items: OrderItem[]; seats: { section: string; row: string; seat_number: string; price: number }[] }
export interface Ticket {
  id: string; order_id: string; seat_id: string; section: string; row: string; seat_number: string; code: string; qr_png: string;
}
export interface Sales {
  event_id: string; orders: number; tickets_sold: number; revenue: number;
  revenue_over_time: { at: string; revenue: number; tickets: number }[];
}
