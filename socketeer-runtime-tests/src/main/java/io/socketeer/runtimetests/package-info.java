/**
 * The scenarios every runtime must pass, as abstract JUnit suites. A runtime runs a suite through a
 * subclass that implements its one hook: start the given engine or Socket.IO server on a free port.
 */
package io.socketeer.runtimetests;
