// The test environment of the live suite: jest-expo's (React Native's Node environment), which
// also keeps Node's own fetch as `nodeFetch`. jest-expo's setup installs Expo's fetch as the global
// one, whose native half exists only on a device; the live suite puts Node's back to reach the server.
const ReactNativeEnv = require('@react-native/jest-preset/jest/react-native-env.js');

module.exports = class LiveEnvironment extends ReactNativeEnv {
  constructor(config, context) {
    super(config, context);
    this.global.nodeFetch = fetch;
  }
};
