export { default } from '../../universal-auth/screens/ForgotPasswordScreen';
