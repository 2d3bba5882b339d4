-- 0015: an identity for this installation, made once. The ids its feeds mint (Atom entry ids,
-- calendar UIDs) are built from --public-url when it is set and from this id when it is not,
-- so two installations never share an id: a calendar app that subscribes to both would
-- otherwise merge their events. Never changed afterwards – a changed id makes every
-- subscriber's calendar duplicate every event.
insert into settings (key, value)
select 'installation_id', lower(hex(randomblob(16)))
where not exists (select 1 from settings where key = 'installation_id');
