"""Forward-only schema migrations, numbered by `PRAGMA user_version`."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the cache, local redemptions, the outbox and the audit log.
    """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_fold TEXT NOT NULL,
        email TEXT, email_fold TEXT,
        phone TEXT, phone_digits TEXT,
        card_number TEXT, card_fold TEXT,
        points_balance INTEGER NOT NULL,
        lifetime_points INTEGER NOT NULL,
        tier_id TEXT, tier_name TEXT,
        points_expiring TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL,
        cached_at TEXT NOT NULL
    );
    CREATE INDEX customers_name ON customers(name_fold);
    CREATE INDEX customers_email ON customers(email_fold);
    CREATE INDEX customers_phone ON customers(phone_digits);
    CREATE INDEX customers_card ON customers(card_fold);
    -- Every word of every name, so a surname typed at the counter finds the customer.
    CREATE TABLE customer_words (
        word TEXT NOT NULL, customer_id TEXT NOT NULL,
        PRIMARY KEY (word, customer_id)
    ) WITHOUT ROWID;

    CREATE TABLE rewards (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, points_cost INTEGER NOT NULL,
        discount_amount INTEGER NOT NULL, currency TEXT NOT NULL, tier_required TEXT,
        active INTEGER NOT NULL, updated_at TEXT NOT NULL, cached_at TEXT NOT NULL
    );
    CREATE TABLE tiers (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, min_points INTEGER NOT NULL
    );
    CREATE TABLE sync_cursors (
        resource TEXT PRIMARY KEY, since TEXT, pulled_at TEXT NOT NULL
    );
    CREATE TABLE history_cache (
        id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, type TEXT NOT NULL,
        points INTEGER NOT NULL, balance_after INTEGER NOT NULL, reason TEXT,
        created_at TEXT NOT NULL, position INTEGER NOT NULL
    );
    CREATE INDEX history_by_customer ON history_cache(customer_id, position);

    -- status: pending (committed, no answer yet), confirmed, offline (handed out, waiting
    -- to sync), rejected (refused before it was handed out), cancelled (abandoned before it
    -- was handed out), conflict (handed out, later refused), used, void.
    CREATE TABLE redemptions (
        code TEXT PRIMARY KEY,
        origin TEXT NOT NULL DEFAULT 'local',
        customer_id TEXT NOT NULL, customer_name TEXT,
        reward_id TEXT NOT NULL, reward_name TEXT,
        points INTEGER NOT NULL, discount_amount INTEGER NOT NULL, currency TEXT NOT NULL,
        status TEXT NOT NULL,
        remote_id TEXT, balance_after INTEGER,
        terminal_id TEXT, operator TEXT,
        occurred_at TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        shown_at TEXT,
        refusal_code TEXT, refusal_message TEXT,
        outbox_id INTEGER
    );
    CREATE INDEX redemptions_customer ON redemptions(customer_id, status);
    CREATE INDEX redemptions_created ON redemptions(created_at);
    CREATE INDEX redemptions_unshown ON redemptions(shown_at) WHERE shown_at IS NULL;

    -- state: pending, done, conflict (refused after its outcome was handed out), refused
    -- (refused while a person waited for the answer), cancelled (abandoned, never sent).
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        customer_id TEXT,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        handed_out INTEGER NOT NULL DEFAULT 0,
        maybe_delivered INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error_code TEXT, last_error TEXT,
        result TEXT,
        operator TEXT,
        redemption_code TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, finished_at TEXT
    );
    CREATE INDEX outbox_open ON outbox(state, id);

    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        subject TEXT, details TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL, hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """,
    # 2: "recent customers" on the lookup screen, newest change first.
    """
    CREATE INDEX customers_updated ON customers(updated_at);
    """,
    # 3: staff who sign in with PINs; how conflicts were resolved; offline-issued flag.
    """
    CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_fold TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
        pin_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    ALTER TABLE outbox ADD COLUMN resolution TEXT;
    ALTER TABLE outbox ADD COLUMN resolved_by TEXT;
    ALTER TABLE outbox ADD COLUMN resolved_at TEXT;
    ALTER TABLE outbox ADD COLUMN resolution_note TEXT;
    ALTER TABLE redemptions ADD COLUMN issued_offline INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: find a customer's words without a scan (each re-cache deletes them); names are
    # now folded with NFC and surnames kept whole: pull every customer again to refold.
    """
    CREATE INDEX customer_words_by_customer ON customer_words(customer_id);
    DELETE FROM sync_cursors WHERE resource = 'customers';
    """,
    # 5: an outbox payload is exactly its operation (domain/operations.py); whether the
    # counter gave up on it is the row's bookkeeping, kept in columns of its own.
    """
    ALTER TABLE outbox ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN abandoned_at TEXT;
    UPDATE outbox
        SET abandoned = 1, abandoned_at = json_extract(payload, '$.abandoned_at')
        WHERE json_extract(payload, '$.abandon');
    UPDATE outbox
        SET payload = json_remove(payload, '$.abandon', '$.abandoned_at')
        WHERE json_type(payload, '$.abandon') IS NOT NULL
        OR json_type(payload, '$.abandoned_at') IS NOT NULL;
    """,
    # 6 (v1.1): the local order index (a sale earns once, also offline) and the returns
    # made here, with the backend's figures once it answered (a shortfall is kept).
    """
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        amount INTEGER,
        currency TEXT,
        points INTEGER NOT NULL,
        outbox_id INTEGER,
        transaction_id TEXT,
        store_id TEXT,
        operator TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX orders_by_order ON orders(order_id);
    CREATE TABLE order_returns (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        returned_amount INTEGER NOT NULL,
        points_expected INTEGER NOT NULL,
        points_reversed INTEGER,
        points_shortfall INTEGER,
        return_id TEXT,
        balance_after INTEGER,
        outbox_id INTEGER NOT NULL UNIQUE,
        operator TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX order_returns_by_order ON order_returns(order_id);
    """,
    # 7 (v1.1): pay with points. A reward's kind and its per-point rule (JSON of
    # discount_per_point, min_points, max_points, step), kept for offline; a per-point
    # reward stores its smallest redemption in points_cost and discount_amount. The
    # history's label (bonus, sale, return, ...) and a sale's order number, for offline.
    """
    ALTER TABLE rewards ADD COLUMN kind TEXT NOT NULL DEFAULT 'fixed';
    ALTER TABLE rewards ADD COLUMN per_point TEXT;
    ALTER TABLE history_cache ADD COLUMN label TEXT;
    ALTER TABLE history_cache ADD COLUMN order_id TEXT;
    """,
    # 8: each customer's pending operations by id, so pushing one lane at the counter
    # reads that lane, not the whole queue (store/outbox.py `next_in_lane`).
    """
    CREATE INDEX outbox_lane ON outbox(customer_id, id) WHERE state = 'pending';
    """,
    # 9: no query reads redemptions by created_at alone (the unshown ones are found by
    # `redemptions_unshown`, a customer's by `redemptions_customer`), yet every redemption
    # wrote this index: one page less for each redemption's commit to write and sync.
    """
    DROP INDEX IF EXISTS redemptions_created;
    """,
)
