/** Runnable sample servers; {@link io.socketeer.examples.Main} picks one by name. */
package io.socketeer.examples;
