/**
 * The engine's internals: the session state machine and request validation. Not an API; may change
 * in any release.
 */
package io.socketeer.engine.internal;
