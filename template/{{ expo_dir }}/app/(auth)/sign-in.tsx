export { default } from '../../universal-auth/screens/SignInScreen';
