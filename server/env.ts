// Imported first by the server's entries: boardgame.io and immer read NODE_ENV when they load and
// at every move (a development server checks that each move's state is serialisable and runs
// immer's development build, about 5 % of the server's time at load: docs/STORAGE.md). A server
// started from here is a production server unless the environment says otherwise.
process.env.NODE_ENV ??= 'production';
