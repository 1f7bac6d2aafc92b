import { configure } from '@testing-library/react-native';

// A busy machine may take longer than findBy*'s default second to render a screen.
configure({ asyncUtilTimeout: 10000 });
