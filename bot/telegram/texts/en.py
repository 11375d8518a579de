"""Every English text the bot shows. Templates are HTML; placeholders are filled with escaped data."""

TEXTS: dict[str, str] = {
    # --- greeting, help, menus
    "start": (
        "Hello {name}! 👋\n\n"
        "I connect investors and manufacturers with the <b>import-substitution program</b>: products the country "
        "imports today and wants made at home, and the sector <b>promotion desks</b> that sign indigenization deals.\n\n"
        "Just type what you want to make or fund, in English or Persian, for example:\n{examples}\n\n"
        "Tap a result to see its card, then <b>I'm interested</b> and the desk will hear from you."
    ),
    "examples": "• <i>brake pads</i>\n• <i>looking for a partner to produce ESP pumps</i>\n• <i>کمپرسور یخچال</i>\n• <i>8413.70</i> (an HS code)",
    "help": (
        "<b>How to use this bot</b>\n\n"
        "Type a product, a need in your own words, an HS code or a sector, in English or Persian. Examples:\n{examples}\n\n"
        "/sectors — browse listings by sector\n"
        "/desks — the sector promotion desks\n"
        "/product CODE — open a listing by its code\n"
        "/search TEXT — search (same as just typing)\n"
        "/language — فارسی / English\n"
        "/cancel — stop what you were doing\n\n"
        "<b>Hear about new listings</b>\n"
        "/subscribe — choose sectors and how often: instantly, daily or weekly\n"
        "/alert TEXT — watch for listings like TEXT; <code>/alert valve -ball</code> leaves out ball valves\n"
        "/mysubs — your sectors and alerts: mute, resume or delete each\n"
        "/pause, /resume — stop digests for a while, then go on\n"
        "/unsubscribe — stop everything"
    ),
    "btn_sectors": "📚 Sectors",
    "btn_desks": "🏛 Desks",
    "btn_language": "🌐 فارسی",
    "btn_help": "❓ Help",
    # --- search
    "empty_query": "Type what you are looking for: a product, a need in your own words, an HS code or a sector.",
    "results_header": "🔎 Results for “{query}” — {first}–{last} of {total}",
    "result_line": "{rank}. <b>{code}</b> · {name}\n     {sector} · imports {imports} · match {score}%",
    "imports_value": "≈ {amount} a year",
    "imports_unknown": "not stated",
    "results_desks_header": "🏛 <b>Desks for these sectors</b>",
    "desk_line": "• {name}",
    "sector_desk_hint": "No single listing fits best; these desks handle the sector you named.",
    "no_results": (
        "I found no listing for “{query}”.\n\n"
        "Try:\n• a product name, e.g. <i>brake pads</i> or <i>کمپرسور یخچال</i>\n"
        "• an HS code, e.g. <i>8413.70</i>\n• a sector from the list below\n\n"
        "Your request is recorded so the program can consider listing it."
    ),
    "btn_more": "More »",
    "btn_previous": "« Previous",
    "btn_back_results": "« Back to results",
    "btn_result": "{rank}. {code} · {name}",
    # --- product card
    "card": (
        "<b>{code}</b> · {name}\n"
        "<i>{other_name}</i>\n\n"
        "<b>Status:</b> {status}\n"
        "<b>Sector:</b> {sector}\n"
        "<b>HS code:</b> {hs_code}\n"
        "<b>Imports:</b> {imports}\n"
        "<b>Deadline:</b> {deadline}\n"
        "<b>Desk:</b> {desk}\n"
        "<b>Already working on it:</b> {companies}\n"
        "<b>Also known as:</b> {aliases}\n\n"
        "{description}"
    ),
    "desk_summary": "{name} — {budget}, contact {contact}",
    "none": "—",
    "no_deadline": "none",
    "status_open": "🟢 open",
    "status_in_progress": "🟡 in progress",
    "status_awarded": "🔵 awarded",
    "status_closed": "⚪️ closed",
    "btn_interested": "✋ I'm interested",
    "btn_desk": "🏛 {name}",
    "product_not_found": "There is no listing with the code {code}.",
    "product_usage": "Send /product followed by a listing code, for example /product AUT-002.",
    # --- leads
    "interest_registered": (
        "✅ Your interest in <b>{code}</b> · {name} is registered. {desk_line}\n\n"
        "If you like, send one line for the desk — your company, capacity or a phone number — or tap Skip."
    ),
    "interest_desk_line": "The {desk} will contact you.",
    "interest_no_desk": "The program team will contact you.",
    "interest_already": "You have already registered interest in {code}.",
    "btn_skip": "Skip",
    "note_saved": "📝 Thank you — your note was passed on.",
    "note_skipped": "All right, no note. You can keep searching.",
    "admin_new_lead": (
        "🆕 <b>New lead #{lead_id}</b>\n"
        "{user} is interested in <b>{code}</b> · {name}\n"
        "Sector: {sector} · Desk: {desk}"
    ),
    "admin_lead_note": "📝 Note on lead #{lead_id} ({code}) from {user}:\n{note}",
    # --- desks and sectors
    "desks_header": "🏛 <b>Domestic production promotion desks</b>\n\n{program}",
    "program_summary": (
        "In the year the four desks were set up they signed {total} of agreements (petrochemicals €60M, refining €80M, "
        "home appliances €63M, automotive €42M); eleven desks the year before saved €1.045B. "
        "<i>Source: Mehr News Agency / Tehran Times (CC BY 4.0).</i>"
    ),
    "desk_list_line": "• <b>{name}</b> — {year} · {budget}",
    "budget_value": "{amount}",
    "budget_unknown": "budget not published",
    "year_unknown": "year n/a",
    "desk_card": (
        "🏛 <b>{name}</b>\n<i>{other_name}</i>\n\n"
        "<b>Sector:</b> {sector}\n<b>Program year:</b> {year}\n<b>Budget:</b> {budget}\n<b>Contact:</b> {contact}\n\n"
        "{description}\n\n<b>Listings</b> ({count}) — {first}–{last}:"
    ),
    "desk_card_empty": "🏛 <b>{name}</b>\n<i>{other_name}</i>\n\n<b>Sector:</b> {sector}\n<b>Contact:</b> {contact}\n\n{description}\n\nNo listings yet.",
    "sectors_header": "📚 <b>Sectors</b> — tap one to see its listings.",
    "btn_sector": "{name} ({count})",
    "sector_page": "📚 <b>{name}</b> — listings {first}–{last} of {count}",
    "sector_empty": "📚 <b>{name}</b> — no listings yet.",
    "list_line": "{rank}. <b>{code}</b> · {name} — {status}",
    # --- amounts
    "money_usd_billion": "${value}B",
    "money_usd_million": "${value}M",
    "money_usd_thousand": "${value}K",
    "money_usd_one": "${value}",
    "money_eur_billion": "€{value}B",
    "money_eur_million": "€{value}M",
    "money_eur_thousand": "€{value}K",
    "money_eur_one": "€{value}",
    # --- settings and misc
    "language_prompt": "Choose your language:",
    "language_set": "Language set to English.",
    "cancelled": "Cancelled.",
    "nothing_to_cancel": "There is nothing to cancel.",
    "non_text": "I read text messages only. Type a product, a need in your own words, an HS code or a sector.",
    "expired": "This button has expired. Please search again.",
    "error": "Sorry, something went wrong on our side. Please try again in a moment.",
    # --- subscriptions
    "subscribe_pick": "🔔 <b>Subscribe</b>\n\nTick the sectors whose new listings you want to hear about, then tap <b>Done</b>.",
    "btn_sector_on": "✅ {name}",
    "btn_sector_off": "▫️ {name}",
    "btn_done": "Done ➡️",
    "subscribe_need_sector": "Tick at least one sector first (or watch for a product with /alert).",
    "subscribe_frequency": "🔔 <b>{sectors}</b>\n\nHow often should I send you what is new?",
    "btn_freq_instant": "⚡ As soon as it appears",
    "btn_freq_daily": "📅 Once a day",
    "btn_freq_weekly": "🗓 Once a week",
    "subscribe_weekday": "On which day of the week?",
    "zone_tehran": "Tehran",
    "subscribe_hour": "At what time? ({zone} time)",
    "btn_hour": "{hour}:00",
    "weekday_0": "Monday",
    "weekday_1": "Tuesday",
    "weekday_2": "Wednesday",
    "weekday_3": "Thursday",
    "weekday_4": "Friday",
    "weekday_5": "Saturday",
    "weekday_6": "Sunday",
    "schedule_instant": "You will hear about new listings as soon as they appear.",
    "schedule_daily": "A digest every day at {hour}:00 ({zone} time), when there is something new.",
    "schedule_weekly": "A digest every {weekday} at {hour}:00 ({zone} time), when there is something new.",
    "subscribed": "✅ <b>Subscribed.</b>\n\nSectors: {sectors}\n{schedule}\n\n/mysubs to change it, /pause to pause, /unsubscribe to stop.",
    "no_sectors": "none (alerts only)",
    "alert_usage": (
        "Send /alert followed by what you want to hear about, for example <code>/alert brake pads</code>.\n"
        "Words after a “-” leave listings out: <code>/alert valve -ball</code>."
    ),
    "alert_too_long": "That alert is too long; keep it under {limit} characters.",
    "alert_too_many": "You already have {limit} alerts, the most allowed. Delete one in /mysubs first.",
    "alert_too_many_exclusions": "An alert can leave out at most {limit} words.",
    "alert_saved": "🔔 <b>Alert saved:</b> {query}{excluding}\n\n{schedule}\n\n/mysubs to see or change your alerts.",
    "alert_exists": "🔔 You already have this alert: {query}{excluding}\n\n/mysubs to see or change your alerts.",
    "alert_excluding": " (leaving out: {words})",
    "btn_alert_similar": "🔔 Alert me about similar",
    "mysubs_header": "⚙️ <b>Your subscriptions</b>\n\n{status}\n{schedule}",
    "mysubs_active": "🟢 Active",
    "mysubs_paused": "⏸ Paused — /resume to go on; you will then get what appeared meanwhile.",
    "mysubs_unsubscribed": "⚪️ Not subscribed.",
    "mysubs_blocked": "⚪️ Stopped because the bot was blocked. /resume to start again.",
    "mysubs_sectors": "<b>Sectors</b>",
    "mysubs_alerts": "<b>Alerts</b>",
    "mysubs_sector_line": "• {name}{muted}",
    "mysubs_alert_line": "• {query}{excluding}{muted}",
    "mysubs_muted": " — 🔕 muted",
    "mysubs_empty": "You have no subscriptions. /subscribe to choose sectors, or /alert to watch for a product.",
    "btn_mute": "🔕 Mute {name}",
    "btn_unmute": "🔔 Resume {name}",
    "btn_delete": "🗑 Delete",
    "btn_pause": "⏸ Pause all",
    "btn_resume": "▶️ Resume",
    "btn_edit_subscription": "✏️ Sectors and frequency",
    "btn_unsubscribe": "🛑 Unsubscribe from everything",
    "btn_mysubs": "⚙️ My subscriptions",
    "toast_muted": "Muted.",
    "toast_unmuted": "Resumed.",
    "toast_deleted": "Deleted.",
    "paused": "⏸ Digests paused. /resume to go on; the next digest will then bring what appeared meanwhile.",
    "resumed": "▶️ Digests resumed. {schedule}",
    "nothing_to_resume": "You have no sectors or alerts to resume. /subscribe to choose sectors.",
    "unsubscribed": "🛑 Unsubscribed. Your sectors and alerts are removed and no more digests will come.\n\n/subscribe to start again.",
    "not_subscribed": "You are not subscribed. /subscribe to choose sectors, or /alert to watch for a product.",
    # --- digests
    "digest_header": "📬 <b>What is new for you</b> — {count} since {since}",
    "digest_continued": "📬 <i>continued</i>",
    "digest_part": " ({part}/{parts})",
    "digest_closing_soon": "⏰ <b>Closing soon</b> (deadline within 7 days)",
    "digest_sector": "📚 <b>{name}</b>",
    "digest_item": "{mark} <a href=\"{link}\">{code}</a> · {name}\n      {details}",
    "digest_mark_new": "🆕",
    "digest_mark_updated": "🔄",
    "digest_deadline": "deadline {date}",
    "digest_alert": "🔔 {query}",
    "digest_desks": "🏛 <b>New desks</b>",
    "digest_desk": "• {name} — {sector}",
    "digest_footer": "/mysubs to change · /pause · /unsubscribe",
    "digest_now_done": (
        "📬 <b>Digest round done</b>\n"
        "{planned} planned · {sent} sent ({messages} messages) · {blocked} blocked · {failed} refused · "
        "{pending} left for the next round"
    ),
    "admins_only": "This command is for admins.",
    # --- command menu (setMyCommands)
    "cmd_start": "Start and see examples",
    "cmd_search": "Search listings",
    "cmd_sectors": "Browse by sector",
    "cmd_desks": "Sector promotion desks",
    "cmd_product": "Open a listing by code",
    "cmd_language": "فارسی / English",
    "cmd_help": "How to use the bot",
    "cmd_cancel": "Stop what you were doing",
    "cmd_subscribe": "Hear about new listings in your sectors",
    "cmd_alert": "Watch for listings like a product",
    "cmd_mysubs": "Your subscriptions and alerts",
    "cmd_pause": "Pause digests",
    "cmd_resume": "Resume digests",
    "cmd_unsubscribe": "Stop all digests",
}
