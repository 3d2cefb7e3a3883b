// Decorated classes (entities, resolvers) need the metadata polyfill before they load.
import 'reflect-metadata';
