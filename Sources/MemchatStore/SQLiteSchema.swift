import GRDB

/// The database schema, as an append-only list of migrations: never edit a shipped
/// migration, add a new one.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions, turns, full-text index") { db in
            try db.execute(sql: """
                CREATE TABLE sessions (
                    pk INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    user_id TEXT NOT NULL,
                    title TEXT NOT NULL,
                    context TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    last_activity INTEGER NOT NULL,
                    ended_at INTEGER,
                    expired_at INTEGER,
                    merged_into TEXT,
                    summary TEXT,
                    provider TEXT,
                    model TEXT,
                    metadata TEXT,
                    turn_count INTEGER NOT NULL DEFAULT 0
                );
                -- Recent sessions of a user, optionally in one context (sidebar, picker, list).
                CREATE INDEX sessions_user_recent ON sessions(user_id, last_activity DESC);
                CREATE INDEX sessions_user_context_recent ON sessions(user_id, context, last_activity DESC);
                -- Listing across users, expiry and cleanup.
                CREATE INDEX sessions_recent ON sessions(last_activity DESC);

                CREATE TABLE turns (
                    pk INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    session_pk INTEGER NOT NULL REFERENCES sessions(pk) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    content TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    reply_to TEXT,
                    metadata TEXT
                );
                -- Turns of a session in order; also finds a question's answer.
                CREATE UNIQUE INDEX turns_session_seq ON turns(session_pk, seq);

                -- Contentless and without positions (detail=none): the text lives in
                -- turns.content only, and phrase order is checked in Swift. Rows hold
                -- SearchText.indexForm(content) under the turn's pk.
                CREATE VIRTUAL TABLE turns_fts USING fts5(
                    content, content='', detail=none, tokenize='unicode61 remove_diacritics 2'
                );
                -- Merge index segments in larger steps: less work per write (imports
                -- run ~15% faster than with the default of 4; searches are unchanged).
                INSERT INTO turns_fts(turns_fts, rank) VALUES ('automerge', 16);
                """)
        }
        // Immediate foreign key checks: the default (deferred) ends with a foreign_key_check
        // of the whole database, a scan of every turn at open. Nothing here rewrites rows.
        migrator.registerMigration("v2: per-turn context and mode", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: """
                -- NULL: the session's context and mode. Set on a session's turns when it
                -- switches away (SessionStore.changeContext), so a question keeps the
                -- context it was asked in. Adding nullable columns rewrites no row.
                ALTER TABLE turns ADD COLUMN context TEXT;
                ALTER TABLE turns ADD COLUMN mode TEXT;

                -- The contexts a session has left, so that the recent questions of a
                -- context include those of sessions that switched away from it without
                -- reading any turn of other sessions.
                CREATE TABLE session_contexts (
                    context TEXT NOT NULL,
                    session_pk INTEGER NOT NULL REFERENCES sessions(pk) ON DELETE CASCADE,
                    PRIMARY KEY (context, session_pk)
                ) WITHOUT ROWID;
                CREATE INDEX session_contexts_session ON session_contexts(session_pk);

                -- One-time work left for SQLiteStore.completePendingMaintenance, off the
                -- start-up path; a row is deleted when its task is done.
                CREATE TABLE maintenance (task TEXT PRIMARY KEY) WITHOUT ROWID;
                """)
            // A database with turns may hold context switches recorded before turns kept
            // their own context; a new one cannot.
            try db.execute(
                sql: "INSERT INTO maintenance (task) SELECT ? WHERE EXISTS (SELECT 1 FROM turns)",
                arguments: [SQLiteMaintenance.settleRecordedSwitches.rawValue])
        }
        return migrator
    }
}
