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
    "result_line": "{rank}. <b>{code}</b> · {name}{status}\n     {sector} · واردات {imports} · تطابق {score}٪",
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
    "result_status": " — {status}",
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
    "too_fast": "پیام‌ها را سریع‌تر از آنچه بتوانم پاسخ دهم می‌فرستید؛ برخی را نادیده گرفتم.",
    # --- admins: access, help, menu
    "not_available": "این فرمان در دسترس نیست.",
    "help_admin": (
        "\n\n<b>فرمان‌های مدیر</b>\n"
        "/addproduct — افزودن آگهی: سطرهای <code>field: value</code> یا گام‌به‌گام\n"
        "/editproduct CODE — دیدن فیلدهای یک آگهی یا تغییر آن‌ها با سطرهای <code>field: value</code>\n"
        "/closeproduct CODE و /reopenproduct CODE — بستن یا بازگشایی یک آگهی\n"
        "/adddesk و /editdesk CODE — افزودن یا تغییر یک میز به همین روش\n"
        "/import — ورود آگهی‌ها از فایل CSV یا اکسل، با پیش‌نمایش\n"
        "/export products|leads|subscribers — دریافت فایل CSV\n"
        "/leads — پیگیری درخواست‌های سرمایه‌گذاران\n"
        "/stats — کاربران، جستجوها، درخواست‌ها و پربازدیدترین آگهی‌ها\n"
        "/demand [DAYS] — آنچه جستجو شد و پیدا نشد\n"
        "/digest_now — ارسال فوری موارد تازه به همه مشترکان، فارغ از زمان‌بندی آن‌ها\n"
        "/admins — فهرست مدیران؛ /admins add یا remove با شناسه یا ‎@username"
    ),
    "cmd_addproduct": "افزودن آگهی",
    "cmd_editproduct": "دیدن یا تغییر آگهی",
    "cmd_closeproduct": "بستن آگهی",
    "cmd_reopenproduct": "بازگشایی آگهی",
    "cmd_adddesk": "افزودن میز",
    "cmd_editdesk": "دیدن یا تغییر میز",
    "cmd_import": "ورود آگهی‌ها از CSV یا اکسل",
    "cmd_export": "دریافت آگهی‌ها، درخواست‌ها یا کاربران",
    "cmd_leads": "پیگیری درخواست‌ها",
    "cmd_stats": "آمار",
    "cmd_demand": "تقاضای بی‌پاسخ",
    "cmd_digest_now": "ارسال فوری خلاصه‌ها",
    "cmd_admins": "مدیران",
    # --- admins: listings and desks
    "problem": "{message}",
    "problem_column": "<b>{column}</b>: {message}",
    "problem_row": "ردیف {row}: {message}",
    "problem_row_column": "ردیف {row}، <b>{column}</b>: {message}",
    "record_problems": "❌ چیزی ذخیره نشد:\n{problems}",
    "product_added": "✅ آگهی افزوده شد.",
    "product_updated": "✅ {code} به‌روز شد: {fields}.",
    "product_status_set": "✅ وضعیت {code} اکنون {status} است.",
    "product_unchanged": "تغییری داده نشد: {code} همین مقادیر را دارد.",
    "editproduct_usage": (
        "بعد از /editproduct کد آگهی و سپس در هر سطر یک فیلد را برای تغییر بفرستید:\n"
        "<pre>/editproduct AUT-002\nstatus: awarded\nannual_import_usd: 30000000</pre>"
    ),
    "editproduct_current": (
        "مقادیر کنونی <b>{code}</b> در زیر آمده است. برای تغییر، <code>/editproduct {code}</code> و سپس سطرهایی را "
        "که باید تغییر کنند بفرستید (مقدار خالی، فیلد اختیاری را پاک می‌کند):\n<pre>{fields}</pre>"
    ),
    "closeproduct_usage": "بعد از /closeproduct کد آگهی را بفرستید، مثلاً /closeproduct AUT-002.",
    "reopenproduct_usage": "بعد از /reopenproduct کد آگهی را بفرستید، مثلاً /reopenproduct AUT-002.",
    "desk_added": "✅ میز افزوده شد.",
    "desk_updated": "✅ {code} به‌روز شد: {fields}.",
    "desk_unchanged": "تغییری داده نشد: {code} همین مقادیر را دارد.",
    "desk_not_found": "میزی با کد {code} وجود ندارد.",
    "editdesk_usage": (
        "بعد از /editdesk کد میز و سپس در هر سطر یک فیلد را برای تغییر بفرستید:\n"
        "<pre>/editdesk DESK-AUT\ncontact: auto.desk@example.org</pre>"
    ),
    "editdesk_current": (
        "مقادیر کنونی <b>{code}</b> در زیر آمده است. برای تغییر، <code>/editdesk {code}</code> و سپس سطرهایی را "
        "که باید تغییر کنند بفرستید:\n<pre>{fields}</pre>"
    ),
    # --- admins: the step-by-step form
    "draft_intro_product": (
        "آگهی تازه، گام‌به‌گام؛ هر وقت خواستید /cancel را بفرستید.\n"
        "می‌توانید همه را در یک پیام هم بفرستید، مثلاً:\n"
        "<pre>/addproduct\ncode: TEX-050\nname_en: Spandex yarn\nname_fa: نخ اسپندکس\nhs_code: 5402.44\nsector: textiles</pre>"
    ),
    "draft_intro_desk": (
        "میز تازه، گام‌به‌گام؛ هر وقت خواستید /cancel را بفرستید.\n"
        "می‌توانید همه را در یک پیام هم بفرستید، مثلاً:\n"
        "<pre>/adddesk\ncode: DESK-TEX2\nsector: textiles\nname_en: Technical textiles desk\nname_fa: میز منسوجات فنی</pre>"
    ),
    "draft_step": "<b>{step}/{steps}</b> · {question}",
    "draft_optional": "\n<i>با /skip خالی می‌ماند.</i>",
    "ask_product_code": "کد آگهی: حروف لاتین، رقم، <code>-</code> و <code>_</code>، مثلاً <code>TEX-050</code>.",
    "ask_product_name_en": "نام انگلیسی.",
    "ask_product_name_fa": "نام فارسی.",
    "ask_product_hs_code": "کد تعرفه HS، بین ۴ تا ۱۰ رقم، مثلاً <code>8413.70</code>.",
    "ask_product_sector": "بخش، یکی از این‌ها:\n{sectors}",
    "ask_product_annual_import_usd": "برآورد واردات سالانه به دلار آمریکا، مثلاً <code>12400000</code>.",
    "ask_product_aliases": "نام‌های دیگری که مردم به کار می‌برند، به هر دو زبان، جدا شده با <code>;</code>.",
    "ask_product_description": "توضیح کوتاه.",
    "ask_product_description_fa": "توضیح کوتاه به فارسی (کارت‌های فارسی آن را نشان می‌دهند و اگر خالی باشد، توضیح انگلیسی را).",
    "ask_desk_code": "کد میز، مثلاً <code>DESK-TEX2</code>.",
    "ask_desk_sector": "بخش میز، یکی از این‌ها:\n{sectors}",
    "ask_desk_name_en": "نام انگلیسی.",
    "ask_desk_name_fa": "نام فارسی.",
    "ask_desk_program_year": "سال برنامه، مثلاً <code>1402</code>.",
    "ask_desk_budget_eur": "بودجه به یورو، یک عدد صحیح.",
    "ask_desk_contact": "راه تماس با میز (ایمیل یا تلفن).",
    "ask_desk_description": "توضیح کوتاه.",
    "draft_required": "این فیلد الزامی است و نمی‌توان از آن گذشت.",
    "draft_invalid": "{problem}\nلطفاً دوباره بفرستید.",
    "draft_cancelled": "متوقف شد؛ چیزی افزوده نشد.",
    "draft_timeout": "دیگر منتظر ادامه فرم نماندم و چیزی افزوده نشد. برای شروع دوباره /addproduct یا /adddesk را بفرستید.",
    # --- admins: import and export
    "import_prompt": (
        "اکنون فایل آگهی‌ها را به صورت سند (document) بفرستید: CSV (با کدگذاری UTF-8 یا Windows-1256) یا اکسل ‎.xlsx، "
        "حداکثر {limit}. سطر اول نام ستون‌هاست:\n<code>code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description</code>\n"
        "و به دلخواه <code>description_fa,desk,deadline,companies,source</code>. پیش از هر تغییری پیش‌نمایش را نشان می‌دهم."
    ),
    "import_too_big": "❌ حجم {file} {size} است؛ فایل‌های تا {limit} را می‌توان وارد کرد. آن را به چند فایل کوچک‌تر تقسیم کنید.",
    "import_download_failed": "نتوانستم فایل را از تلگرام بگیرم. لطفاً دوباره بفرستید.",
    "import_unreadable": "❌ <b>{file}</b> را نمی‌توان وارد کرد: {problem}. چیزی وارد نشد.",
    "import_rejected": "❌ <b>{file}</b> {count} ایراد دارد و چیزی وارد نشد. آن‌ها را اصلاح کنید و فایل را دوباره بفرستید.\n\n{problems}",
    "import_more_problems": "…و {count} ایراد دیگر.",
    "import_nothing": "📄 <b>{file}</b>: هر {rows} ردیف با کاتالوگ یکسان است؛ چیزی برای وارد کردن نیست.",
    "import_preview": (
        "📄 <b>{file}</b> — {rows} ردیف\n"
        "🆕 تازه: {new}\n✏️ تغییریافته: {changed}\n▫️ بدون تغییر: {unchanged}\n{details}\n"
        "<b>اعمال</b> همه را یک‌جا می‌نویسد؛ <b>لغو</b> چیزی نمی‌نویسد. این پیش‌نمایش تا {minutes} دقیقه معتبر است."
    ),
    "import_new_codes": "تازه: {codes}\n",
    "import_changed_codes": "تغییریافته: {codes}\n",
    "btn_apply": "✅ اعمال",
    "btn_cancel": "✖️ لغو",
    "import_applied": "✅ <b>{file}</b> وارد شد: {new} تازه، {changed} تغییریافته، {unchanged} بدون تغییر.",
    "import_cancelled": "ورود <b>{file}</b> لغو شد؛ چیزی نوشته نشد.",
    "import_gone": "این ورود قبلاً اعمال یا لغو شده است.",
    "import_expired": "این پیش‌نمایش منقضی شده و چیزی نوشته نشد. فایل را دوباره بفرستید.",
    "import_not_yours": "تنها مدیری که فایل را فرستاده می‌تواند آن را اعمال کند.",
    "import_invalid": "❌ کاتالوگ پس از پیش‌نمایش تغییر کرده و <b>{file}</b> دیگر وارد نمی‌شود؛ چیزی نوشته نشد.\n\n{problems}",
    "csv_header_missing": "ستون‌های جاافتاده: {names}",
    "csv_header_unknown": "ستون‌های ناشناخته: {names}",
    "csv_header_repeated": "ستون‌های تکراری: {names}",
    "csv_header_expected": "{required} (اختیاری: {optional})",
    "size_bytes": "{value} بایت",
    "size_kb": "{value} کیلوبایت",
    "size_mb": "{value} مگابایت",
    "export_usage": "‏/export products یا ‏/export leads یا ‏/export subscribers را بفرستید.",
    "export_caption_products": "📦 آگهی‌ها: {rows}. این فایل با /import بدون تغییر دوباره وارد می‌شود.",
    "export_caption_leads": "✋ درخواست‌ها: {rows}.",
    "export_caption_subscribers": "👥 کاربران ربات: {rows} (ستون‌های اشتراک با قابلیت خبرنامه می‌آیند).",
    # --- admins: leads
    "leads_usage": "برای درخواست‌های باز /leads، برای همه /leads all، یا /leads و یک وضعیت را بفرستید: new، contacted، meeting، declined، closed.",
    "leads_header": "📋 <b>درخواست‌ها</b> · {filter} · {first} تا {last} از {total}",
    "leads_empty": "📋 درخواستی نیست · {filter}.",
    "leads_filter_open": "باز",
    "leads_filter_all": "همه",
    "lead_status_new": "🆕 تازه",
    "lead_status_contacted": "📞 تماس گرفته شد",
    "lead_status_meeting": "📅 جلسه تعیین شد",
    "lead_status_declined": "✖️ رد شد",
    "lead_status_closed": "✔️ بسته شد",
    "lead_line": "#{id} · <b>{code}</b> · {name}\n     {user} · {status} · {date}",
    "btn_lead": "#{id} · {code} · {user}",
    "btn_open_lead": "📋 درخواست #{id}",
    "btn_lead_contacted": "📞 تماس گرفته شد",
    "btn_lead_meeting": "📅 جلسه تعیین شد",
    "btn_lead_declined": "✖️ رد شد",
    "btn_lead_closed": "✔️ بسته شد",
    "btn_current": "● {label}",
    "btn_back_leads": "▶️ بازگشت به درخواست‌ها",
    "lead_card": (
        "📋 <b>درخواست #{id}</b>\n\n"
        "<b>سرمایه‌گذار:</b> {user}\n<b>آگهی:</b> {code} · {name}\n<b>میز:</b> {desk}\n"
        "<b>وضعیت:</b> {status}\n<b>تاریخ ثبت:</b> {created}\n<b>یادداشت:</b> {note}"
    ),
    "lead_status_told": "وضعیت: {status}. به سرمایه‌گذار اطلاع داده شد.",
    "lead_status_unreachable": "وضعیت: {status}. پیام به سرمایه‌گذار نرسید.",
    "lead_status_same": "وضعیت این درخواست همین حالا {status} است.",
    "program_team": "تیم برنامه",
    "investor_lead_contacted": "📬 درباره علاقه‌مندی شما به <b>{code}</b> · {name}: {desk} پیگیری آن را آغاز کرده و با شما تماس می‌گیرد.",
    "investor_lead_meeting": "📅 درباره علاقه‌مندی شما به <b>{code}</b> · {name}: جلسه‌ای با {desk} در حال هماهنگی است و جزئیات برایتان فرستاده می‌شود.",
    "investor_lead_declined": "درباره علاقه‌مندی شما به <b>{code}</b> · {name}: {desk} فعلاً نمی‌تواند آن را ادامه دهد. شاید آگهی‌های دیگر مناسب شما باشند؛ کافی است بنویسید دنبال چه هستید.",
    "investor_lead_closed": "✔️ پرونده علاقه‌مندی شما به <b>{code}</b> · {name} را {desk} بست. از مشارکت شما در برنامه سپاسگزاریم.",
    # --- admins: statistics and unmet demand
    "stats_header": "📊 <b>آمار</b>",
    "stats_users": "👥 <b>کاربران:</b> {total} ({new} کاربر تازه در ۷ روز) · {languages}",
    "stats_language_fa": "فارسی {count}",
    "stats_language_en": "انگلیسی {count}",
    "stats_searches": "🔎 <b>جستجوها:</b> {week} در ۷ روز ({week_unmet} بی‌پاسخ) · {month} در ۳۰ روز ({month_unmet} بی‌پاسخ)",
    "stats_leads": "✋ <b>درخواست‌ها:</b> {total} · {statuses}",
    "stats_status": "{status} {count}",
    "stats_leads_by_product": "<b>درخواست‌ها بر اساس آگهی</b>",
    "stats_leads_by_desk": "<b>درخواست‌ها بر اساس میز</b>",
    "stats_top_listings": "<b>آگهی‌هایی که بیشتر پیدا شدند</b> (۳۰ روز)",
    "stats_demand": "<b>تقاضای بی‌پاسخ</b> (۳۰ روز) · برای جزئیات /demand",
    "stats_item": "{rank}. {code} · {name} — {count}",
    "stats_empty": "—",
    "demand_usage": "‏/demand را بفرستید، یا /demand و تعداد روزها از ۱ تا ۳۶۵.",
    "demand_header": "🕳 <b>تقاضای بی‌پاسخ</b> · {days} روز گذشته\nجستجوهایی که هیچ آگهی پاسخشان نبود؛ شکل‌های گوناگون یک نیاز با هم شمرده شده‌اند:",
    "demand_line": "{rank}. <b>{need}</b> — {searches} جستجو از {people} نفر، {related} با پیشنهاد مرتبط\n     {examples}",
    "demand_empty": "🕳 در {days} روز گذشته جستجوی بی‌پاسخی نبوده است.",
    # --- admins: who they are
    "admins_header": "🔑 <b>مدیران</b>",
    "admins_configured": "• {user} — ADMIN_IDS",
    "admins_granted": "• {user} — با دسترسی از {by}، {date}",
    "admins_usage": "برای افزودن: <code>/admins add 123456789</code> یا <code>/admins add @username</code> (پس از آنکه به ربات پیام داده باشد)؛ برای حذف: <code>/admins remove …</code>.",
    "admin_granted": "✅ {user} اکنون مدیر است.",
    "admin_already": "{user} از قبل مدیر است.",
    "admin_revoked": "✅ {user} دیگر مدیر نیست.",
    "admin_not_admin": "{user} مدیر نیست.",
    "admin_configured": "{user} از طریق تنظیم ADMIN_IDS مدیر است و تنها پیکربندی سرور می‌تواند آن را تغییر دهد.",
    "admin_ambiguous_user": "بیش از یک نفر {reference} بوده‌اند: به جای آن شناسه عددی تلگرام او را بدهید.",
    "updates_dropped": "⏳ پیام‌های زیادی با هم فرستادید، برای همین از آخرین پیام‌هایتان گذشتم. لطفاً منتظر پاسخ‌هایم بمانید و سپس دوباره بفرستید.",
    "admin_unknown_user": "نمی‌دانم {reference} کیست: شناسه عددی تلگرام او را بدهید، یا ‎@username او را پس از آنکه به ربات پیام داد.",
    "you_are_admin": "🔑 اکنون مدیر این ربات هستید. فهرست فرمان‌های مدیر در /help آمده است.",
    "you_are_not_admin": "دسترسی مدیریت شما در این ربات برداشته شد.",
    # --- problems in files and typed records (bot.telegram.problems.TEXTS; a problem's VALUES are the placeholders)
    "csv_not_text": "فایل نه متن UTF-8 است و نه Windows-1256",
    "csv_empty_file": "فایل خالی است",
    "csv_bad_header_line": "سطر عنوان CSV معتبری نیست ({detail})",
    "csv_bad_line": "سطر {line} CSV معتبری نیست ({detail})",
    "csv_wrong_header": "سطر عنوان درست نیست: {problems}. ستون‌های مورد انتظار: {expected}",
    "csv_not_xlsx": "فایل یک کارپوشه اکسل (‎.xlsx) خوانا نیست",
    "csv_too_many_rows": "فایل بیش از {limit} ردیف دارد؛ آن را به چند فایل کوچک‌تر تقسیم کنید",
    "csv_too_many_columns": "ردیف {row} بیش از {limit} ستون دارد",
    "csv_too_many_cells": "فایل بیش از {limit} خانه دارد؛ آن را به چند فایل کوچک‌تر تقسیم کنید",
    "csv_cell_too_long": "ردیف {row}، ستون {column} بیش از {limit} نویسه دارد",
    "csv_too_slow": "خواندن فایل بیش از {seconds} ثانیه طول کشید؛ آن را به چند فایل کوچک‌تر تقسیم کنید",
    "csv_unpacked_too_big": "کارپوشه پس از باز شدن بیش از {limit} مگابایت است؛ آن را به چند فایل کوچک‌تر تقسیم کنید",
    "csv_old_xls": "{name} فایل قدیمی اکسل ۹۷-۲۰۰۳ (‎.xls) است؛ آن را با قالب ‎.xlsx یا CSV ذخیره کنید",
    "csv_file_type": "{name} نه فایل CSV است و نه اکسل (‎.xlsx)",
    "csv_row_width": "{count} مقدار دارد، اما سطر عنوان {columns} ستون دارد",
    "csv_no_rows": "فایل سطر عنوان دارد اما هیچ آگهی‌ای ندارد",
    "csv_code_empty": "کد خالی است",
    "csv_code_invalid": "در کد «{value}» فقط حروف لاتین، رقم، - و _ مجاز است (حداکثر ۳۲ نویسه)",
    "csv_code_duplicate": "کد {code} تکراری است (نخستین بار در ردیف {first})",
    "csv_field_empty": "{column} خالی است",
    "csv_hs_invalid": "«{value}» کد تعرفه HS نیست: ۴ تا ۱۰ رقم لازم است (مثلاً 8413.70)",
    "csv_sector_unknown": "بخش «{value}» ناشناخته است (بخش‌ها: {known})",
    "csv_amount_invalid": "«{value}» عدد صحیحی به دلار آمریکا نیست",
    "csv_amount_too_large": "«{value}» بیشتر از {maximum} دلار است",
    "csv_status_unknown": "وضعیت «{value}» ناشناخته است (یکی از {known})",
    "csv_desk_unknown": "میز «{value}» ناشناخته است",
    "csv_desk_sector": "میز {desk} از آن بخش {desk_sector} است، نه {sector}",
    "csv_deadline_invalid": "«{value}» تاریخی به شکل 2027-03-20 نیست",
    "csv_number_invalid": "{column}: «{value}» عدد صحیح نیست",
    "csv_number_too_large": "{column}: «{value}» بیشتر از {maximum} است",
    "csv_active_invalid": "مقدار active باید true یا false باشد، نه «{value}»",
    "csv_line_not_field": "سطر {line} به شکل «field: value» نیست",
    "csv_field_unknown": "فیلد «{name}» ناشناخته است (فیلدها: {known})",
    "csv_field_repeated": "فیلد {name} دو بار آمده است",
    "csv_no_fields": "هیچ سطر «field: value» فرستاده نشد",
    "csv_code_exists": "آگهی‌ای با کد {code} از قبل وجود دارد",
    "csv_desk_exists": "میزی با کد {code} از قبل وجود دارد",
    "csv_code_fixed": "کد را نمی‌توان تغییر داد (کد {code} است)",
    "csv_desk_in_use": "{count} آگهی از بخش دیگری این میز را دارند (مثلاً {example})؛ نخست میز آن‌ها را تغییر دهید",
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
