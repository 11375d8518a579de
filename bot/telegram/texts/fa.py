"""Every Persian text the bot shows. Templates are HTML; placeholders are filled with escaped data."""

TEXTS: dict[str, str] = {
    # --- greeting, help, menus
    "start": (
        "سلام {name}! 👋\n\n"
        "این ربات سرمایه‌گذاران و تولیدکنندگان را به <b>برنامه جایگزینی واردات</b> وصل می‌کند: کالاهایی که امروز "
        "وارد می‌شوند و قرار است در داخل ساخته شوند، و <b>میزهای توسعه ساخت داخل</b> هر بخش که قراردادهای "
        "بومی‌سازی را امضا می‌کنند.\n\n"
        "کافی است بنویسید چه می‌خواهید بسازید یا در چه چیزی سرمایه‌گذاری کنید، به فارسی یا انگلیسی، مثلاً:\n{examples}\n\n"
        "روی هر نتیجه بزنید تا مشخصاتش را ببینید، سپس <b>علاقه‌مندم</b> را بزنید تا میز مربوط با شما تماس بگیرد."
    ),
    "examples": "• <i>لنت ترمز</i>\n• <i>دنبال شریک برای تولید پمپ درون‌چاهی هستم</i>\n• <i>refrigerator compressor</i>\n• <i>8413.70</i> (کد تعرفه HS)",
    "help": (
        "<b>راهنمای ربات</b>\n\n"
        "نام کالا، نیازتان به زبان خودتان، کد تعرفه HS یا نام یک بخش را به فارسی یا انگلیسی بنویسید. مثال:\n{examples}\n\n"
        "/sectors — فهرست آگهی‌ها بر اساس بخش\n"
        "/desks — میزهای توسعه ساخت داخل\n"
        "/product CODE — باز کردن یک آگهی با کد آن\n"
        "/search TEXT — جستجو (مثل نوشتن مستقیم)\n"
        "/language — English / فارسی\n"
        "/cancel — لغو کار جاری\n\n"
        "<b>باخبر شدن از آگهی‌های تازه</b>\n"
        "/subscribe — انتخاب بخش‌ها و دفعات ارسال: فوری، روزانه یا هفتگی\n"
        "/alert TEXT — هشدار برای آگهی‌های شبیه TEXT؛ <code>/alert شیر -توپی</code> شیرهای توپی را کنار می‌گذارد\n"
        "/mysubs — بخش‌ها و هشدارهای شما: بی‌صدا، ادامه یا حذف هر کدام\n"
        "/pause و /resume — توقف موقت خلاصه‌ها و ادامه آن‌ها\n"
        "/unsubscribe — لغو همه اشتراک‌ها"
    ),
    "btn_sectors": "📚 بخش‌ها",
    "btn_desks": "🏛 میزها",
    "btn_language": "🌐 English",
    "btn_help": "❓ راهنما",
    # --- search
    "empty_query": "بنویسید دنبال چه هستید: نام کالا، نیازتان به زبان خودتان، کد تعرفه HS یا نام یک بخش.",
    "results_header": "🔎 نتایج «{query}» — {first} تا {last} از {total}",
    "result_line": "{rank}. <b>{code}</b> · {name}\n     {sector} · واردات {imports} · تطابق {score}٪",
    "imports_value": "≈ {amount} در سال",
    "imports_unknown": "اعلام نشده",
    "results_desks_header": "🏛 <b>میزهای این بخش‌ها</b>",
    "desk_line": "• {name}",
    "sector_desk_hint": "آگهی مشخصی بهترین پاسخ نبود؛ این میزها به بخشی که نام بردید رسیدگی می‌کنند.",
    "no_results": (
        "برای «{query}» آگهی‌ای پیدا نکردم.\n\n"
        "امتحان کنید:\n• نام کالا، مثلاً <i>لنت ترمز</i> یا <i>refrigerator compressor</i>\n"
        "• کد تعرفه HS، مثلاً <i>8413.70</i>\n• یکی از بخش‌های زیر\n\n"
        "درخواست شما ثبت شد تا برنامه بتواند افزودن آن را بررسی کند."
    ),
    "btn_more": "بیشتر ◀️",
    "btn_previous": "▶️ قبلی",
    "btn_back_results": "▶️ بازگشت به نتایج",
    "btn_result": "{rank}. {code} · {name}",
    # --- product card
    "card": (
        "<b>{code}</b> · {name}\n"
        "<i>{other_name}</i>\n\n"
        "<b>وضعیت:</b> {status}\n"
        "<b>بخش:</b> {sector}\n"
        "<b>کد تعرفه HS:</b> {hs_code}\n"
        "<b>واردات:</b> {imports}\n"
        "<b>مهلت:</b> {deadline}\n"
        "<b>میز:</b> {desk}\n"
        "<b>شرکت‌های فعال در این زمینه:</b> {companies}\n"
        "<b>نام‌های دیگر:</b> {aliases}\n\n"
        "{description}"
    ),
    "desk_summary": "{name} — {budget}، تماس: {contact}",
    "none": "—",
    "no_deadline": "ندارد",
    "status_open": "🟢 باز",
    "status_in_progress": "🟡 در حال اجرا",
    "status_awarded": "🔵 واگذار شده",
    "status_closed": "⚪️ بسته",
    "btn_interested": "✋ علاقه‌مندم",
    "btn_desk": "🏛 {name}",
    "product_not_found": "آگهی‌ای با کد {code} وجود ندارد.",
    "product_usage": "بعد از /product کد آگهی را بفرستید، مثلاً /product AUT-002.",
    # --- leads
    "interest_registered": (
        "✅ علاقه‌مندی شما به <b>{code}</b> · {name} ثبت شد. {desk_line}\n\n"
        "اگر مایلید یک خط برای میز بفرستید — نام شرکت، ظرفیت یا شماره تماس — یا «رد شدن» را بزنید."
    ),
    "interest_desk_line": "{desk} با شما تماس خواهد گرفت.",
    "interest_no_desk": "تیم برنامه با شما تماس خواهد گرفت.",
    "interest_already": "علاقه‌مندی شما به {code} قبلاً ثبت شده است.",
    "btn_skip": "رد شدن",
    "note_saved": "📝 ممنون — یادداشت شما منتقل شد.",
    "note_skipped": "باشد، بدون یادداشت. می‌توانید به جستجو ادامه دهید.",
    "admin_new_lead": (
        "🆕 <b>درخواست جدید #{lead_id}</b>\n"
        "{user} به <b>{code}</b> · {name} علاقه‌مند است\n"
        "بخش: {sector} · میز: {desk}"
    ),
    "admin_lead_note": "📝 یادداشت درخواست #{lead_id} ({code}) از {user}:\n{note}",
    # --- desks and sectors
    "desks_header": "🏛 <b>میزهای توسعه ساخت داخل</b>\n\n{program}",
    "program_summary": (
        "در سالی که چهار میز راه‌اندازی شدند، {total} قرارداد امضا کردند (پتروشیمی ۶۰ میلیون یورو، پالایش ۸۰ میلیون یورو، "
        "لوازم خانگی ۶۳ میلیون یورو، خودرو ۴۲ میلیون یورو)؛ یازده میز در سال پیش از آن ۱٫۰۴۵ میلیارد یورو صرفه‌جویی کردند. "
        "<i>منبع: خبرگزاری مهر / تهران تایمز (CC BY 4.0)</i>"
    ),
    "desk_list_line": "• <b>{name}</b> — {year} · {budget}",
    "budget_value": "{amount}",
    "budget_unknown": "بودجه اعلام نشده",
    "year_unknown": "سال نامشخص",
    "desk_card": (
        "🏛 <b>{name}</b>\n<i>{other_name}</i>\n\n"
        "<b>بخش:</b> {sector}\n<b>سال برنامه:</b> {year}\n<b>بودجه:</b> {budget}\n<b>تماس:</b> {contact}\n\n"
        "{description}\n\n<b>آگهی‌ها</b> ({count}) — {first} تا {last}:"
    ),
    "desk_card_empty": "🏛 <b>{name}</b>\n<i>{other_name}</i>\n\n<b>بخش:</b> {sector}\n<b>تماس:</b> {contact}\n\n{description}\n\nهنوز آگهی‌ای ندارد.",
    "sectors_header": "📚 <b>بخش‌ها</b> — برای دیدن آگهی‌ها روی یکی بزنید.",
    "btn_sector": "{name} ({count})",
    "sector_page": "📚 <b>{name}</b> — آگهی‌های {first} تا {last} از {count}",
    "sector_empty": "📚 <b>{name}</b> — هنوز آگهی‌ای ندارد.",
    "list_line": "{rank}. <b>{code}</b> · {name} — {status}",
    # --- amounts
    "money_usd_billion": "{value} میلیارد دلار",
    "money_usd_million": "{value} میلیون دلار",
    "money_usd_thousand": "{value} هزار دلار",
    "money_usd_one": "{value} دلار",
    "money_eur_billion": "{value} میلیارد یورو",
    "money_eur_million": "{value} میلیون یورو",
    "money_eur_thousand": "{value} هزار یورو",
    "money_eur_one": "{value} یورو",
    # --- settings and misc
    "language_prompt": "زبان خود را انتخاب کنید:",
    "language_set": "زبان به فارسی تغییر کرد.",
    "cancelled": "لغو شد.",
    "nothing_to_cancel": "کاری برای لغو وجود ندارد.",
    "non_text": "من فقط پیام متنی می‌خوانم. نام کالا، نیازتان، کد تعرفه HS یا نام یک بخش را بنویسید.",
    "expired": "این دکمه منقضی شده است. لطفاً دوباره جستجو کنید.",
    "error": "متأسفیم، مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید.",
    # --- subscriptions
    "subscribe_pick": "🔔 <b>اشتراک</b>\n\nبخش‌هایی را که می‌خواهید از آگهی‌های تازه‌شان باخبر شوید علامت بزنید، سپس <b>تمام</b> را بزنید.",
    "btn_sector_on": "✅ {name}",
    "btn_sector_off": "▫️ {name}",
    "btn_done": "تمام ⬅️",
    "subscribe_need_sector": "دست‌کم یک بخش را علامت بزنید (یا با /alert برای یک کالا هشدار بگذارید).",
    "subscribe_frequency": "🔔 <b>{sectors}</b>\n\nهر چند وقت یک بار تازه‌ها را برایتان بفرستم؟",
    "btn_freq_instant": "⚡ همان لحظه",
    "btn_freq_daily": "📅 روزی یک بار",
    "btn_freq_weekly": "🗓 هفته‌ای یک بار",
    "subscribe_weekday": "چه روزی از هفته؟",
    "zone_tehran": "تهران",
    "subscribe_hour": "چه ساعتی؟ (به وقت {zone})",
    "btn_hour": "{hour}:۰۰",
    "weekday_0": "دوشنبه",
    "weekday_1": "سه‌شنبه",
    "weekday_2": "چهارشنبه",
    "weekday_3": "پنجشنبه",
    "weekday_4": "جمعه",
    "weekday_5": "شنبه",
    "weekday_6": "یکشنبه",
    "schedule_instant": "به محض انتشار آگهی تازه باخبر می‌شوید.",
    "schedule_daily": "هر روز ساعت {hour}:۰۰ (به وقت {zone})، اگر چیز تازه‌ای باشد، یک خلاصه می‌گیرید.",
    "schedule_weekly": "هر {weekday} ساعت {hour}:۰۰ (به وقت {zone})، اگر چیز تازه‌ای باشد، یک خلاصه می‌گیرید.",
    "subscribed": "✅ <b>اشتراک ثبت شد.</b>\n\nبخش‌ها: {sectors}\n{schedule}\n\nبرای تغییر /mysubs، برای توقف موقت /pause و برای لغو /unsubscribe.",
    "no_sectors": "هیچ (فقط هشدارها)",
    "alert_usage": (
        "بعد از /alert بنویسید از چه چیزی می‌خواهید باخبر شوید، مثلاً <code>/alert لنت ترمز</code>.\n"
        "کلمه‌های بعد از «-» آگهی‌ها را کنار می‌گذارند: <code>/alert شیر -توپی</code>."
    ),
    "alert_too_long": "این هشدار بیش از حد طولانی است؛ آن را کمتر از {limit} نویسه بنویسید.",
    "alert_too_many": "شما {limit} هشدار دارید که بیشترین تعداد مجاز است. اول یکی را در /mysubs حذف کنید.",
    "alert_too_many_exclusions": "هر هشدار حداکثر {limit} کلمه را می‌تواند کنار بگذارد.",
    "alert_saved": "🔔 <b>هشدار ثبت شد:</b> {query}{excluding}\n\n{schedule}\n\nبرای دیدن یا تغییر هشدارها /mysubs را بزنید.",
    "alert_exists": "🔔 این هشدار را از قبل دارید: {query}{excluding}\n\nبرای دیدن یا تغییر هشدارها /mysubs را بزنید.",
    "alert_excluding": " (به‌جز: {words})",
    "btn_alert_similar": "🔔 موارد مشابه را خبرم کن",
    "mysubs_header": "⚙️ <b>اشتراک‌های شما</b>\n\n{status}\n{schedule}",
    "mysubs_active": "🟢 فعال",
    "mysubs_paused": "⏸ متوقف — با /resume ادامه دهید؛ آنچه در این فاصله آمده برایتان فرستاده می‌شود.",
    "mysubs_unsubscribed": "⚪️ مشترک نیستید.",
    "mysubs_blocked": "⚪️ چون ربات مسدود شده بود متوقف شد. با /resume دوباره شروع کنید.",
    "mysubs_sectors": "<b>بخش‌ها</b>",
    "mysubs_alerts": "<b>هشدارها</b>",
    "mysubs_sector_line": "• {name}{muted}",
    "mysubs_alert_line": "• {query}{excluding}{muted}",
    "mysubs_muted": " — 🔕 بی‌صدا",
    "mysubs_empty": "اشتراکی ندارید. با /subscribe بخش‌ها را انتخاب کنید یا با /alert برای یک کالا هشدار بگذارید.",
    "btn_mute": "🔕 بی‌صدا: {name}",
    "btn_unmute": "🔔 ادامه: {name}",
    "btn_delete": "🗑 حذف",
    "btn_pause": "⏸ توقف همه",
    "btn_resume": "▶️ ادامه",
    "btn_edit_subscription": "✏️ بخش‌ها و دفعات ارسال",
    "btn_unsubscribe": "🛑 لغو همه اشتراک‌ها",
    "btn_mysubs": "⚙️ اشتراک‌های من",
    "toast_muted": "بی‌صدا شد.",
    "toast_unmuted": "ادامه پیدا کرد.",
    "toast_deleted": "حذف شد.",
    "paused": "⏸ خلاصه‌ها متوقف شد. با /resume ادامه دهید؛ خلاصه بعدی آنچه را در این فاصله آمده می‌آورد.",
    "resumed": "▶️ خلاصه‌ها دوباره فرستاده می‌شوند. {schedule}",
    "nothing_to_resume": "بخش یا هشداری برای ادامه ندارید. با /subscribe بخش‌ها را انتخاب کنید.",
    "unsubscribed": "🛑 اشتراک لغو شد. بخش‌ها و هشدارهای شما حذف شدند و دیگر خلاصه‌ای فرستاده نمی‌شود.\n\nبرای شروع دوباره /subscribe را بزنید.",
    "not_subscribed": "مشترک نیستید. با /subscribe بخش‌ها را انتخاب کنید یا با /alert برای یک کالا هشدار بگذارید.",
    # --- digests
    "digest_header": "📬 <b>تازه‌های شما</b> — {count} مورد از {since}",
    "digest_continued": "📬 <i>ادامه</i>",
    "digest_part": " ({part}/{parts})",
    "digest_closing_soon": "⏰ <b>مهلت رو به پایان</b> (کمتر از ۷ روز)",
    "digest_sector": "📚 <b>{name}</b>",
    "digest_item": "{mark} <a href=\"{link}\">{code}</a> · {name}\n      {details}",
    "digest_mark_new": "🆕",
    "digest_mark_updated": "🔄",
    "digest_deadline": "مهلت {date}",
    "digest_alert": "🔔 {query}",
    "digest_desks": "🏛 <b>میزهای تازه</b>",
    "digest_desk": "• {name} — {sector}",
    "digest_footer": "برای تغییر /mysubs · توقف /pause · لغو /unsubscribe",
    "digest_now_done": (
        "📬 <b>دور ارسال خلاصه‌ها تمام شد</b>\n"
        "{planned} برنامه‌ریزی‌شده · {sent} ارسال‌شده ({messages} پیام) · {blocked} مسدود · {failed} ردشده · "
        "{pending} مانده برای دور بعد"
    ),
    "admins_only": "این فرمان مخصوص مدیران است.",
    # --- command menu (setMyCommands)
    "cmd_start": "شروع و نمونه‌ها",
    "cmd_search": "جستجوی آگهی‌ها",
    "cmd_sectors": "فهرست بر اساس بخش",
    "cmd_desks": "میزهای توسعه ساخت داخل",
    "cmd_product": "باز کردن آگهی با کد",
    "cmd_language": "English / فارسی",
    "cmd_help": "راهنمای ربات",
    "cmd_cancel": "لغو کار جاری",
    "cmd_subscribe": "باخبر شدن از آگهی‌های تازه بخش‌ها",
    "cmd_alert": "هشدار برای آگهی‌های شبیه یک کالا",
    "cmd_mysubs": "اشتراک‌ها و هشدارهای شما",
    "cmd_pause": "توقف موقت خلاصه‌ها",
    "cmd_resume": "ادامه خلاصه‌ها",
    "cmd_unsubscribe": "لغو همه خلاصه‌ها",
}
