export { default } from '../../universal-auth/screens/RegisterScreen';
