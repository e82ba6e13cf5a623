-- Full-text index of published help articles. The columns hold token text computed in
-- TypeScript (Latin words lower-cased; Chinese turned into Simplified and split into single
-- characters and overlapping bigrams), so the built-in unicode61 tokenizer is all it needs:
-- the same index works on embedded libSQL, a libSQL server and D1 (no custom tokenizers).
CREATE VIRTUAL TABLE `help_fts` USING fts5(
  `search_title`, `search_tags`, `search_body`,
  content='help_articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);--> statement-breakpoint
-- The index's vocabulary, for typo suggestions on Latin words.
CREATE VIRTUAL TABLE `help_fts_vocab` USING fts5vocab(`help_fts`, 'row');--> statement-breakpoint
-- Only published rows are indexed; an update removes the old version (if it was indexed)
-- before adding the new one, in one trigger so the order is fixed.
CREATE TRIGGER `help_articles_fts_ai` AFTER INSERT ON `help_articles` WHEN new.`status` = 'published' BEGIN
  INSERT INTO `help_fts` (rowid, `search_title`, `search_tags`, `search_body`)
  VALUES (new.`id`, new.`search_title`, new.`search_tags`, new.`search_body`);
END;--> statement-breakpoint
CREATE TRIGGER `help_articles_fts_ad` AFTER DELETE ON `help_articles` WHEN old.`status` = 'published' BEGIN
  INSERT INTO `help_fts` (`help_fts`, rowid, `search_title`, `search_tags`, `search_body`)
  VALUES ('delete', old.`id`, old.`search_title`, old.`search_tags`, old.`search_body`);
END;--> statement-breakpoint
CREATE TRIGGER `help_articles_fts_au` AFTER UPDATE OF `status`, `search_title`, `search_tags`, `search_body` ON `help_articles` BEGIN
  INSERT INTO `help_fts` (`help_fts`, rowid, `search_title`, `search_tags`, `search_body`)
  SELECT 'delete', old.`id`, old.`search_title`, old.`search_tags`, old.`search_body` WHERE old.`status` = 'published';
  INSERT INTO `help_fts` (rowid, `search_title`, `search_tags`, `search_body`)
  SELECT new.`id`, new.`search_title`, new.`search_tags`, new.`search_body` WHERE new.`status` = 'published';
END;
