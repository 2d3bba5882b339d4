-- 0036: a compressed copy of each edition's content, for serving (issue 22). A national
-- edition is about 33 MB of JSON; reading it whole to render a public page held it in memory
-- two or three times over beside its parsed form. The copy is a few megabytes, read and
-- parsed as a stream, and checked against the edition's SHA-256 as it is read: `content`
-- stays the record, the copy is only a faster way to read it. Editions published before
-- this migration are given their copy when the server starts.
create table edition_copies (
    number integer primary key references editions (number) on delete restrict,
    gzip blob not null
) strict;

create trigger edition_copies_no_update before update on edition_copies
begin select raise(abort, 'published editions never change'); end;
create trigger edition_copies_no_delete before delete on edition_copies
begin select raise(abort, 'published editions never change'); end;
create trigger edition_copies_no_replace before insert on edition_copies
when exists (select 1 from edition_copies where number = new.number)
begin select raise(abort, 'published editions never change'); end;
